// cancel: every unfinished run registered with the token becomes CANCELED before its next
// step, the canceling run itself included when it holds the token (the backend's behaviour). A
// token given as an accessor, or with ${path} interpolation, is read from the run's context.
#include "simulate/steps/steps.hpp"

namespace caw::sim::steps {

StepResult cancel(StepContext& c, const model::CancelStep& s) {
  StepResult result;
  Engine& e = c.engine;
  auto token =
      e.resolve_token(c.run, s.cancelation_token.absent() ? s.cancelation_token_alias : s.cancelation_token, c.record);
  if (!token || token->empty()) {
    c.record.note("cancel without a cancelation_token");
    result.outcome = Outcome::Error;
    return result;
  }
  const bool self = c.run.has_token && c.run.token == *token;
  const std::size_t n = e.cancel_token(*token);
  if (self) c.record.note("this run holds the token: it cancels itself before its next step");
  if (n == 0) c.record.note("no unfinished run holds this token");
  if (e.full()) {
    c.record.input() = json{{"cancelation_token", *token}};
    c.record.output() = json{{"canceled", n}};
  }
  if (c.keeps_ref()) result.ref = json{{"canceled", n}};
  return result;
}

}  // namespace caw::sim::steps
