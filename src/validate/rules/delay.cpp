#include <string>

#include "json/pointer.hpp"
#include "time/duration.hpp"
#include "time/timestamp.hpp"
#include "validate/rules/rules.hpp"

namespace caw::rules {

namespace {

const nlohmann::json* present(const nlohmann::json& step, const char* name) {
  auto it = step.find(name);
  return it == step.end() || it->is_null() ? nullptr : &*it;
}

}  // namespace

void check_duration(std::string_view value, const std::string& path, Report& report) {
  const time::DurationParse d = time::parse_duration(value);
  if (d.ok()) return;
  const std::string shown = "\"" + std::string(value) + "\"";
  switch (d.error) {
    case time::DurationError::Iso8601:
      report.error(
          "delay.duration.iso8601", path, "ISO 8601 durations like " + shown + " are not read by delay steps",
          d.suggestion.empty() ? R"(write "<number> <unit>", e.g. "5 minutes")" : "use \"" + d.suggestion + "\"");
      return;
    case time::DurationError::Seconds:
      report.error("delay.duration.seconds", path, "Delay durations have no seconds unit: " + shown,
                   R"(the smallest unit is minutes, e.g. "1 minute")");
      return;
    default:
      report.error("delay.duration.format", path,
                   "Duration " + shown +
                       " is not \"<number> <unit>\" with unit minute(s), hour(s), day(s), "
                       "week(s), month(s) or year(s)",
                   d.suggestion.empty() ? R"(e.g. "5 minutes", "1 hour", "3 days")" : "use \"" + d.suggestion + "\"");
      return;
  }
}

void check_until(std::string_view value, const std::string& path, Report& report) {
  const time::TimestampParse t = time::parse_timestamp(value);
  const std::string shown = "\"" + std::string(value) + "\"";
  if (t.error == time::TimestampError::ImpossibleDate) {
    report.error("delay.until.impossible", path,
                 "Timestamp " + shown + " is not a real date/time" + (t.detail.empty() ? "" : ": " + t.detail),
                 "check the month, day and time fields");
    return;
  }
  if (!t.ok()) {
    report.error("delay.until.format", path, "Timestamp " + shown + " is not ISO 8601",
                 R"(use e.g. "2024-04-08T08:09:10.123Z")");
    return;
  }
  if (!t.value.has_offset) {
    report.warning("delay.until.no_offset", path, "Timestamp " + shown + " has no UTC offset; it is read as UTC",
                   "append \"Z\" (or an offset such as +02:00)");
  }
  if (t.value.basic_format) {
    report.warning("delay.until.basic_format", path,
                   "Timestamp " + shown +
                       " is ISO 8601 basic format; strict RFC 3339 validation (Courier's step schema) may reject it",
                   R"(use the extended format, e.g. "2024-04-08T08:09:10.123Z")");
  }
}

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
    check_duration(duration->get_ref<const std::string&>(), child_pointer(at, "duration"), report);
  }
  if (delay_for && delay_for->is_string()) {
    check_duration(delay_for->get_ref<const std::string&>(), child_pointer(at, "delayFor"), report);
  }
  if (until && until->is_string()) {
    check_until(until->get_ref<const std::string&>(), child_pointer(at, "until"), report);
  }
  if (delay_until && delay_until->is_string()) {
    check_until(delay_until->get_ref<const std::string&>(), child_pointer(at, "delayUntil"), report);
  }
}

}  // namespace caw::rules
