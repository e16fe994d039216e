#include "json/pointer.hpp"
#include "time/duration.hpp"
#include "time/timestamp.hpp"
#include "util/text.hpp"
#include "validate/rules/rules.hpp"

namespace caw::rules {

namespace {

void add(Report& report, Severity severity, const char* code, const Path& path, std::uint32_t offset,
         std::string message, std::string hint) {
  add_problem(report, severity, code, path, offset, std::move(message), std::move(hint));
}

}  // namespace

void check_duration(std::string_view value, const Path& path, std::uint32_t offset, Report& report) {
  const time::DurationParse d = time::parse_duration(value);
  if (d.ok()) return;
  const std::string shown = cat({"\"", value, "\""});
  switch (d.error) {
    case time::DurationError::Iso8601:
      add(report, Severity::Error, "delay.duration.iso8601", path, offset,
          cat({"ISO 8601 durations like ", shown, " are not read by delay steps"}),
          d.suggestion.empty() ? std::string(R"(write "<number> <unit>", e.g. "5 minutes")")
                               : cat({"use \"", d.suggestion, "\""}));
      return;
    case time::DurationError::Seconds:
      add(report, Severity::Error, "delay.duration.seconds", path, offset,
          cat({"Delay durations have no seconds unit: ", shown}), R"(the smallest unit is minutes, e.g. "1 minute")");
      return;
    default:
      add(report, Severity::Error, "delay.duration.format", path, offset,
          cat({"Duration ", shown,
               " is not \"<number> <unit>\" with unit minute(s), hour(s), day(s), week(s), month(s) or year(s)"}),
          d.suggestion.empty() ? std::string(R"(e.g. "5 minutes", "1 hour", "3 days")")
                               : cat({"use \"", d.suggestion, "\""}));
      return;
  }
}

void check_until(std::string_view value, const Path& path, std::uint32_t offset, Report& report) {
  const time::TimestampParse t = time::parse_timestamp(value);
  const std::string shown = cat({"\"", value, "\""});
  if (t.error == time::TimestampError::ImpossibleDate) {
    add(report, Severity::Error, "delay.until.impossible", path, offset,
        cat({"Timestamp ", shown, " is not a real date/time", t.detail.empty() ? "" : ": ", t.detail}),
        "check the month, day and time fields");
    return;
  }
  if (!t.ok()) {
    add(report, Severity::Error, "delay.until.format", path, offset, cat({"Timestamp ", shown, " is not ISO 8601"}),
        R"(use e.g. "2024-04-08T08:09:10.123Z")");
    return;
  }
  if (!t.value.has_offset) {
    add(report, Severity::Warning, "delay.until.no_offset", path, offset,
        cat({"Timestamp ", shown, " has no UTC offset; it is read as UTC"}),
        "append \"Z\" (or an offset such as +02:00)");
  }
  if (t.value.basic_format) {
    add(report, Severity::Warning, "delay.until.basic_format", path, offset,
        cat({"Timestamp ", shown,
             " is ISO 8601 basic format; strict RFC 3339 validation (Courier's step schema) may reject it"}),
        R"(use the extended format, e.g. "2024-04-08T08:09:10.123Z")");
  }
}

void check_delay(Judge& j, const StepAt& step) {
  const std::uint32_t duration = j.present(step.node, "duration");
  const std::uint32_t delay_for = j.present(step.node, "delayFor");
  const std::uint32_t until = j.present(step.node, "until");
  const std::uint32_t delay_until = j.present(step.node, "delayUntil");
  const bool has_duration = duration != facts::kNone || delay_for != facts::kNone;
  const bool has_until = until != facts::kNone || delay_until != facts::kNone;
  const std::uint32_t begin = j.node(step.node).begin;
  if (!has_duration && !has_until) {
    j.error("delay.timing.missing", step.at, begin, "A delay step needs \"duration\" or \"until\"",
            R"(add "duration": "5 minutes" or "until": "2024-04-08T08:09:10Z")");
  } else if (has_duration && has_until) {
    j.error("delay.timing.conflict", step.at, begin,
            "A delay step takes either \"duration\" or \"until\", not both; Courier rejects the step",
            "remove one of them");
  }
  struct Timing {
    const char* name;
    bool is_duration;
  };
  for (const Timing t :
       {Timing{"duration", true}, Timing{"delayFor", true}, Timing{"until", false}, Timing{"delayUntil", false}}) {
    const std::uint32_t id = j.string_member(step.node, t.name);
    if (id == facts::kNone) continue;
    const facts::Node& v = j.node(id);
    (t.is_duration ? check_duration : check_until)(v.text, Path(step.at, t.name), v.begin, j.report());
  }
}

}  // namespace caw::rules
