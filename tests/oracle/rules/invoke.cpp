#include "rules/oracle_rules.hpp"

namespace caw::oracle::rules {

void check_invoke(const nlohmann::json& step, const std::string& at, Report& report) {
  auto t = step.find("template");
  if (t != step.end() && t->is_string() && t->get_ref<const std::string&>().empty()) {
    report.error("invoke.template.empty", at + "/template", "\"template\" is empty",
                 "give the id of the automation template to invoke");
  }
}

}  // namespace caw::oracle::rules
