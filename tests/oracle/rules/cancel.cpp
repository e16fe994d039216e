#include "json/pointer.hpp"
#include "rules/oracle_rules.hpp"

namespace caw::oracle::rules {

void check_cancel(const nlohmann::json& step, const std::string& at, const RunFacts& run, Report& report) {
  // A missing token is schema.required (check_request_shape); "cancellation_token" (two l's)
  // is cancel.token.spelling there too.
  for (const char* name : {"cancelation_token", "cancelationToken"}) {
    auto it = step.find(name);
    if (it == step.end() || !it->is_string()) continue;
    const std::string& token = it->get_ref<const std::string&>();
    if (token.empty()) {
      report.error("cancel.token.empty", child_pointer(at, name), "The cancelation token is empty",
                   "give the token of the runs to cancel");
    } else if (!run.token.empty() && token == run.token) {
      report.warning("cancel.token.self", child_pointer(at, name),
                     "This cancel step's token equals the run's own automation.cancelation_token: the run "
                     "cancels itself",
                     "use the token of the other run(s), or give this run a different token");
    }
  }
}

}  // namespace caw::oracle::rules
