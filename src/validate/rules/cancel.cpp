#include "json/pointer.hpp"
#include "validate/rules/rules.hpp"

namespace caw::rules {

void check_cancel(Judge& j, const StepAt& step, const RunFacts& run) {
  // A missing token is schema.required (shape.cpp); "cancellation_token" (two l's) is
  // cancel.token.spelling there too.
  for (const char* name : {"cancelation_token", "cancelationToken"}) {
    const std::uint32_t id = j.string_member(step.node, name);
    if (id == facts::kNone) continue;
    const facts::Node& token = j.node(id);
    if (token.text.empty()) {
      j.error("cancel.token.empty", Path(step.at, name), token.begin, "The cancelation token is empty",
              "give the token of the runs to cancel");
    } else if (!run.token.empty() && token.text == run.token) {
      j.warning("cancel.token.self", Path(step.at, name), token.begin,
                "This cancel step's token equals the run's own automation.cancelation_token: the run cancels itself",
                "use the token of the other run(s), or give this run a different token");
    }
  }
}

}  // namespace caw::rules
