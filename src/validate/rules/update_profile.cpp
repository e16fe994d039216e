#include "validate/rules/rules.hpp"

namespace caw::rules {

void check_update_profile(Judge& j, const StepAt& step, const RunFacts& run) {
  if (!run.recipient && !j.resolves(j.member(step.node, "recipient_id"))) {
    j.error("update-profile.recipient.missing", step.at, j.node(step.node).begin,
            "The update-profile step has no \"recipient_id\", and the request has no run-level \"recipient\"",
            R"(add "recipient_id": "<user id>" to the step, or "recipient" to the request)");
  }
}

}  // namespace caw::rules
