// Delay steps beyond their closed shape (exactly one timing field: validate/shape.cpp): whether
// Courier's invoke check takes the `until` (ajv-formats date-time) and whether its delay service can
// read the duration or the instant at run time (docs/courier-semantics.md sections 1.1, 1.12, 6).
#include "schema/closed.hpp"
#include "schema/spec.hpp"
#include "time/duration.hpp"
#include "time/timestamp.hpp"
#include "util/cold.hpp"
#include "util/text.hpp"
#include "validate/rules/rules.hpp"

namespace caw::rules {

namespace {

bool digits(std::string_view s, std::size_t from, std::size_t n) {
  if (from + n > s.size()) return false;
  for (std::size_t i = from; i < from + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  return true;
}

int number(std::string_view s, std::size_t from, std::size_t n) {
  int v = 0;
  for (std::size_t i = from; i < from + n; ++i) v = v * 10 + (s[i] - '0');
  return v;
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

// ajv-formats' "date-time" (2.x; 3.x also wants the offset): a date and a time split at the one
// 't', 'T' or white-space character; the date YYYY-MM-DD, the time hh:mm:ss[.frac][z|+hh[[:]mm]].
enum class DateTime { Ok, Malformed, Impossible };

DateTime ajv_date_time(std::string_view s) {
  std::size_t split = std::string_view::npos;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != 't' && s[i] != 'T' && !is_space(s[i])) continue;
    if (split != std::string_view::npos) return DateTime::Malformed;
    split = i;
  }
  if (split != 10 || !digits(s, 0, 4) || s[4] != '-' || !digits(s, 5, 2) || s[7] != '-' || !digits(s, 8, 2)) {
    return DateTime::Malformed;
  }
  const std::string_view t = s.substr(11);
  if (!digits(t, 0, 2) || t.size() < 8 || t[2] != ':' || !digits(t, 3, 2) || t[5] != ':' || !digits(t, 6, 2)) {
    return DateTime::Malformed;
  }
  std::size_t i = 8;
  if (i < t.size() && t[i] == '.') {
    if (!digits(t, ++i, 1)) return DateTime::Malformed;
    while (digits(t, i, 1)) ++i;
  }
  if (i < t.size() && (t[i] == 'z' || t[i] == 'Z')) {
    ++i;
  } else if (i < t.size() && (t[i] == '+' || t[i] == '-')) {
    if (!digits(t, ++i, 2)) return DateTime::Malformed;
    i += 2;
    if (i < t.size()) {
      if (t[i] == ':') ++i;
      if (!digits(t, i, 2)) return DateTime::Malformed;
      i += 2;
    }
  }
  if (i != t.size()) return DateTime::Malformed;
  const int year = number(s, 0, 4), month = number(s, 5, 2), day = number(s, 8, 2);
  const int hour = number(t, 0, 2), minute = number(t, 3, 2), second = number(t, 6, 2);
  const bool leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
  constexpr int kDays[] = {0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool date = month >= 1 && month <= 12 && day >= 1 && day <= (month == 2 && leap ? 29 : kDays[month]);
  const bool time = (hour <= 23 && minute <= 59 && second <= 59) || (hour == 23 && minute == 59 && second == 60);
  return date && time ? DateTime::Ok : DateTime::Impossible;
}

// "20240408T080910.123" -> "2024-04-08T08:09:10.123": the hint for a basic-format instant.
std::string extended(std::string_view basic) {
  std::string out = cat({basic.substr(0, 4), "-", basic.substr(4, 2), "-", basic.substr(6, 2)});
  if (basic.size() <= 8) return cat({out, "T00:00:00"});
  const std::string_view t = basic.substr(9);
  const bool colons = t.find(':') != std::string_view::npos;
  out += 'T';
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (!colons && (i == 2 || i == 4) && t[i] >= '0' && t[i] <= '9') out += ':';
    out += t[i];
  }
  return out;
}

constexpr std::string_view kAtInvoke = " (400 Invalid Steps Definition; the OpenAPI allows any string)";
constexpr std::string_view kAtRunTime = ": the step fails at run time";

// One problem of a timing value: "<what> \"<value>\"<why>".
CAW_COLD void report(Judge& j, const char* code, const Path& path, std::uint32_t offset, std::string_view what,
                     std::string_view value, std::string_view why, std::string hint) {
  j.error(code, path, offset, cat({what, "\"", value, "\"", why}), std::move(hint));
}

// The years the core can represent (time/civil.hpp), for the out-of-range messages.
constexpr std::string_view kRange = "0000-01-01T00:00:00.000Z ... 9999-12-31T23:59:59.999Z";

void check_duration(Judge& j, std::string_view value, const Path& path, std::uint32_t offset) {
  const time::DurationParse d = time::parse_duration(value);
  if (d.ok()) {
    // Whatever the clock says, the delay would end past year 9999: date-fns gives an Invalid Date.
    if (time::longer_than_range(d.value)) {
      report(j, "time.out_of_range", path, offset, "A delay of ", value,
             cat({" ends outside ", kRange, " from any start", kAtRunTime}), "use a shorter duration");
    }
    return;
  }
  const bool iso = d.error == time::DurationError::Iso8601;
  const bool seconds = d.error == time::DurationError::Seconds;
  report(j,
         iso       ? "delay.duration.iso8601"
         : seconds ? "delay.duration.seconds"
                   : "delay.duration.format",
         path, offset,
         iso       ? "Courier's delay service reads no ISO 8601 duration: "
         : seconds ? "Courier's delay service has no seconds: "
                   : "Courier's delay service reads \"<number> <unit>\" (minutes to years), not ",
         value, kAtRunTime,
         !d.suggestion.empty() ? cat({"use \"", d.suggestion, "\""})
         : seconds             ? std::string(R"(the smallest unit is minutes, e.g. "1 minute")")
                               : std::string(R"(e.g. "5 minutes", "1 hour", "3 days")"));
}

// `checked`: Courier's invoke check applies ajv-formats "date-time" (to `until`, not to `delayUntil`);
// either way the delay service reads the value with date-fns parseISO at run time.
void check_until(Judge& j, std::string_view value, const Path& path, std::uint32_t offset, bool checked) {
  const time::TimestampParse t = time::parse_timestamp(value);
  const DateTime format = checked ? ajv_date_time(value) : DateTime::Ok;
  const bool refused = format != DateTime::Ok;  // by the invoke check: 400
  if (!refused && t.error == time::TimestampError::OutOfRange) {
    return report(j, "time.out_of_range", path, offset, "The instant ", value, cat({" is ", t.detail, kAtRunTime}),
                  "use an instant within years 0000-9999 in UTC");
  }
  if (format == DateTime::Impossible || t.error == time::TimestampError::ImpossibleDate ||
      t.error == time::TimestampError::BadOffset) {
    return report(
        j, "delay.until.impossible", path, offset, "Not a real date/time: ", value,
        cat({t.detail.empty() ? "" : " (", t.detail, t.detail.empty() ? "" : ")", refused ? kAtInvoke : kAtRunTime}),
        "check the month, day, time and offset");
  }
  if (refused && t.ok() && t.value.basic_format) {
    return report(j, "delay.until.basic_format", path, offset,
                  "Courier's invoke check wants RFC 3339 (ajv-formats date-time), not the basic format ", value,
                  kAtInvoke,
                  cat({"use the extended format: \"", extended(value), t.value.has_offset ? "" : "Z", "\""}));
  }
  if (refused || !t.ok()) {
    const bool date_only = t.ok() && !t.value.has_time;
    return report(j, "delay.until.format", path, offset,
                  refused
                      ? (date_only ? "Courier's invoke check wants RFC 3339 (ajv-formats date-time), not a date alone "
                                   : "Courier's invoke check wants RFC 3339 (ajv-formats date-time), not ")
                      : "Courier's delay service (date-fns parseISO) cannot read ",
                  value, refused ? kAtInvoke : kAtRunTime,
                  date_only ? cat({"add the time: \"", value, "T00:00:00Z\""})
                            : std::string(R"(use e.g. "2024-04-08T08:09:10.123Z")"));
  }
  if (!t.value.has_offset) {
    j.warning("delay.until.no_offset", path, offset,
              cat({"\"", value, "\" has no offset: Courier reads it in its servers' time zone (UTC, presumably)",
                   checked ? "; ajv-formats 3 would refuse it" : ""}),
              "append \"Z\" (or an offset such as +02:00)");
  }
}

}  // namespace

void check_delay(Judge& j, const StepAt& step) {
  // Which timing fields are present is the closed shape's rule (delay.timing.*); here, each value.
  const spec::ClosedShape& closed = *spec::closed_step("delay");
  for (const spec::FieldSpec& f : spec::step(spec::Action::Delay)) {
    const spec::ClosedProperty* p = closed.find(f.name);
    const std::uint32_t id = p && p->one_of ? j.string_member(step.node, f.name) : facts::kNone;
    if (id == facts::kNone) continue;
    const facts::Node& v = j.node(id);
    const Path at(step.at, f.name);
    if (f.name == "duration" || f.alias_of == "duration") {
      check_duration(j, v.text, at, v.begin);
    } else {
      check_until(j, v.text, at, v.begin, p->date_time);
    }
  }
}

}  // namespace caw::rules
