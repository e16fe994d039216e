#include <string>

#include "json/pointer.hpp"
#include "rules/oracle_rules.hpp"
#include "time/duration.hpp"
#include "time/timestamp.hpp"

namespace caw::oracle::rules {

namespace {

const nlohmann::json* present(const nlohmann::json& step, const char* name) {
  auto it = step.find(name);
  return it == step.end() || it->is_null() ? nullptr : &*it;
}

}  // namespace

void check_delay(const nlohmann::json& step, const std::string& at, Report& report) {
  const nlohmann::json* duration = present(step, "duration");
  const nlohmann::json* delay_for = present(step, "delayFor");
  const nlohmann::json* until = present(step, "until");
  const nlohmann::json* delay_until = present(step, "delayUntil");
  const bool has_duration = duration || delay_for;
  const bool has_until = until || delay_until;
  if (!has_duration && !has_until) {
    report.error("delay.timing.missing", at, "A delay step needs \"duration\" or \"until\"",
                 R"(add "duration": "5 minutes" or "until": "2024-04-08T08:09:10Z")");
  } else if (has_duration && has_until) {
    report.error("delay.timing.conflict", at,
                 "A delay step takes either \"duration\" or \"until\", not both; Courier rejects the step",
                 "remove one of them");
  }
  if (duration && duration->is_string()) {
    caw::rules::check_duration(duration->get_ref<const std::string&>(), caw::Path::text(child_pointer(at, "duration")),
                               0, report);
  }
  if (delay_for && delay_for->is_string()) {
    caw::rules::check_duration(delay_for->get_ref<const std::string&>(), caw::Path::text(child_pointer(at, "delayFor")),
                               0, report);
  }
  if (until && until->is_string()) {
    caw::rules::check_until(until->get_ref<const std::string&>(), caw::Path::text(child_pointer(at, "until")), 0,
                            report);
  }
  if (delay_until && delay_until->is_string()) {
    caw::rules::check_until(delay_until->get_ref<const std::string&>(),
                            caw::Path::text(child_pointer(at, "delayUntil")), 0, report);
  }
}

}  // namespace caw::oracle::rules
