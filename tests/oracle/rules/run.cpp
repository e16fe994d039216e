#include <unordered_set>

#include "json/pointer.hpp"
#include "rules/oracle_rules.hpp"

namespace caw::oracle::rules {

namespace {

using json = nlohmann::json;

RunFacts run_facts(const json& request) {
  RunFacts facts;
  if (auto r = request.find("recipient"); r != request.end()) facts.recipient = resolves(*r);
  if (auto t = request.find("template"); t != request.end()) facts.template_ = resolves(*t);
  auto automation = request.find("automation");
  if (automation != request.end() && automation->is_object()) {
    auto token = automation->find("cancelation_token");
    if (token != automation->end() && token->is_string()) facts.token = token->get_ref<const std::string&>();
  }
  return facts;
}

}  // namespace

void check_run(const json& request, Report& report) {
  if (!request.is_object()) return;
  auto automation = request.find("automation");
  if (automation == request.end() || !automation->is_object()) return;
  auto steps = automation->find("steps");
  if (steps == automation->end() || !steps->is_array()) return;
  if (steps->empty()) {
    report.error("automation.steps.empty", "/automation/steps", "The automation has no steps; Courier rejects it",
                 R"(add at least one step, e.g. {"action": "send", "template": "..."})");
    return;
  }
  const RunFacts run = run_facts(request);
  std::unordered_set<std::string_view> refs;
  for (std::size_t i = 0; i < steps->size(); ++i) {
    const json& step = (*steps)[i];
    if (!step.is_object()) continue;
    const std::string at = child_pointer("/automation/steps", i);
    if (auto ref = step.find("ref"); ref != step.end() && ref->is_string()) {
      const std::string& name = ref->get_ref<const std::string&>();
      if (name.empty()) {
        report.error("step.ref.empty", at + "/ref", "\"ref\" is empty", "name the step, e.g. \"welcome\"");
      } else if (!refs.insert(name).second) {
        report.error("step.ref.duplicate", at + "/ref", "Duplicate step ref \"" + name + "\"; refs must be unique",
                     "rename one of the steps");
      }
    }
    auto action = step.find("action");
    if (action == step.end() || !action->is_string()) continue;
    const std::string& kind = action->get_ref<const std::string&>();
    if (kind == "delay") {
      check_delay(step, at, report);
    } else if (kind == "send") {
      check_send(step, at, run, report);
    } else if (kind == "send-list") {
      check_send_list(step, at, run, report);
    } else if (kind == "update-profile") {
      check_update_profile(step, at, run, report);
    } else if (kind == "cancel") {
      check_cancel(step, at, run, report);
    } else if (kind == "fetch-data") {
      check_fetch_data(step, at, report);
    } else if (kind == "invoke") {
      check_invoke(step, at, report);
    }
  }
}

}  // namespace caw::oracle::rules
