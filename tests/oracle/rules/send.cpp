#include "rules/oracle_rules.hpp"

namespace caw::oracle::rules {

void check_send(const nlohmann::json& step, const std::string& at, const RunFacts& run, Report& report) {
  // The V2 form carries a whole Send API message: recipient and template live inside it.
  auto message = step.find("message");
  if (message != step.end() && message->is_object()) return;
  if (!run.recipient && !step_resolves(step, "recipient")) {
    report.error("send.recipient.missing", at,
                 "The send step has no recipient, and the request has no run-level \"recipient\"; Courier "
                 "answers 400",
                 R"(add "recipient": "<user id>" to the step or to the request)");
  }
  if (!run.template_ && !step_resolves(step, "template")) {
    report.error("send.template.missing", at,
                 "The send step has no template, and the request has no run-level \"template\"",
                 R"(add "template": "<template id>" to the step or to the request)");
  }
}

}  // namespace caw::oracle::rules
