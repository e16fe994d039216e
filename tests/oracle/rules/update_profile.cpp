#include "rules/oracle_rules.hpp"

namespace caw::oracle::rules {

void check_update_profile(const nlohmann::json& step, const std::string& at, const RunFacts& run, Report& report) {
  if (!run.recipient && !step_resolves(step, "recipient_id")) {
    report.error("update-profile.recipient.missing", at,
                 "The update-profile step has no \"recipient_id\", and the request has no run-level \"recipient\"",
                 R"(add "recipient_id": "<user id>" to the step, or "recipient" to the request)");
  }
}

}  // namespace caw::oracle::rules
