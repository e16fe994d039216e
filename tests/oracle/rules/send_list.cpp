#include "rules/oracle_rules.hpp"

namespace caw::oracle::rules {

void check_send_list(const nlohmann::json& step, const std::string& at, const RunFacts& run, Report& report) {
  auto list = step.find("list");
  if (list != step.end() && list->is_string() && list->get_ref<const std::string&>().empty()) {
    report.error("send-list.list.empty", at + "/list", "\"list\" is empty", "give the Courier list id");
  }
  if (!run.template_ && !step_resolves(step, "template")) {
    report.error("send-list.template.missing", at,
                 "The send-list step has no template, and the request has no run-level \"template\"; Courier "
                 "requires one (the OpenAPI omits it)",
                 R"(add "template": "<template id>" to the step or to the request)");
  }
}

}  // namespace caw::oracle::rules
