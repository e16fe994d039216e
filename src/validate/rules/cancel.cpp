#include "util/text.hpp"
#include "validate/rules/rules.hpp"

namespace caw::rules {

void check_cancel(Judge& j, const StepAt& step, const RunFacts& run) {
  // Which token spelling, and that it is not empty, is the closed shape's rule (validate/shape.cpp).
  if (run.token.empty()) return;
  for (const char* name : {"cancelation_token", "cancelationToken"}) {
    const std::uint32_t id = j.string_member(step.node, name);
    if (id == facts::kNone || j.node(id).text != run.token) continue;
    j.warning("cancel.token.self", Path(step.at, name), j.node(id).begin,
              "This cancel step's token equals the run's own automation.cancelation_token: the run cancels itself",
              "use the token of the other run(s), or give this run a different token");
  }
}

}  // namespace caw::rules
