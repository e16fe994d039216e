#include "time/duration.hpp"

#include <cctype>
#include <cmath>
#include <cstdlib>

namespace caw::time {

namespace {

struct UnitName {
  std::string_view singular;
  DurationUnit unit;
};
constexpr UnitName kUnits[] = {{"minute", DurationUnit::Minutes}, {"hour", DurationUnit::Hours},
                               {"day", DurationUnit::Days},       {"week", DurationUnit::Weeks},
                               {"month", DurationUnit::Months},   {"year", DurationUnit::Years}};

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The engine's number: \d*\.?\d+
std::size_t number_length(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size() && is_digit(s[i])) ++i;
  if (i < s.size() && s[i] == '.') {
    std::size_t j = i + 1;
    while (j < s.size() && is_digit(s[j])) ++j;
    return j > i + 1 ? j : i;
  }
  return i;
}

// The value of "<digits>[.<digits>]" (number_length's grammar), without strtod: the validator's
// module links no libc number parsing.
double decimal_value(std::string_view number) {
  double value = 0;
  std::size_t i = 0;
  for (; i < number.size() && is_digit(number[i]); ++i) value = value * 10 + (number[i] - '0');
  double scale = 0.1;
  for (++i; i < number.size(); ++i, scale /= 10) value += (number[i] - '0') * scale;
  return value;
}

const UnitName* find_unit(std::string_view word) {
  for (const UnitName& u : kUnits) {
    if (word == u.singular) return &u;
    if (word.size() == u.singular.size() + 1 && word.substr(0, u.singular.size()) == u.singular && word.back() == 's') {
      return &u;
    }
  }
  return nullptr;
}

std::string spelled(std::string_view number, const UnitName& u) {
  std::string out(number);
  out += ' ';
  out += u.singular;
  if (number != "1") out += 's';
  return out;
}

// "PT5M" -> "5 minutes", "P2D" -> "2 days", "PT30S" -> nothing close.
std::string suggest_for_iso(std::string_view s) {
  const bool time_part = s.size() > 2 && (s[1] == 'T' || s[1] == 't');
  std::string_view rest = s.substr(time_part ? 2 : 1);
  const std::size_t n = number_length(rest);
  if (n == 0 || n + 1 != rest.size()) return {};
  const char unit = static_cast<char>(std::toupper(static_cast<unsigned char>(rest[n])));
  const std::string_view number = rest.substr(0, n);
  const UnitName* u = nullptr;
  if (time_part && unit == 'M') u = &kUnits[0];
  if (time_part && unit == 'H') u = &kUnits[1];
  if (!time_part && unit == 'D') u = &kUnits[2];
  if (!time_part && unit == 'W') u = &kUnits[3];
  if (!time_part && unit == 'M') u = &kUnits[4];
  if (!time_part && unit == 'Y') u = &kUnits[5];
  return u ? spelled(number, *u) : std::string{};
}

}  // namespace

std::string_view unit_name(DurationUnit unit) {
  switch (unit) {
    case DurationUnit::Minutes: return "minutes";
    case DurationUnit::Hours: return "hours";
    case DurationUnit::Days: return "days";
    case DurationUnit::Weeks: return "weeks";
    case DurationUnit::Months: return "months";
    case DurationUnit::Years: return "years";
  }
  return "minutes";
}

DurationParse parse_duration(std::string_view text) {
  DurationParse r;
  const std::string_view s = trim(text);
  if (s.empty()) {
    r.error = DurationError::Empty;
    return r;
  }
  if ((s[0] == 'P' || s[0] == 'p') && s.size() > 1 && !is_space(s[1])) {
    r.error = DurationError::Iso8601;
    r.suggestion = suggest_for_iso(s);
    return r;
  }
  const std::size_t n = number_length(s);
  if (n == 0) {
    r.error = DurationError::Malformed;
    return r;
  }
  const std::string_view number = s.substr(0, n);
  std::size_t i = n;
  const bool spaced = i < s.size() && is_space(s[i]);
  while (i < s.size() && is_space(s[i])) ++i;
  const std::string_view word = s.substr(i);
  const std::string low = lower(word);
  if (low == "s" || low == "sec" || low == "secs" || low == "second" || low == "seconds") {
    r.error = DurationError::Seconds;
    return r;
  }
  const UnitName* exact = find_unit(word);
  const UnitName* folded = exact ? exact : find_unit(low);
  if (!folded) {
    r.error = word.empty() ? DurationError::Malformed : DurationError::UnknownUnit;
    return r;
  }
  if (!spaced) {
    r.error = DurationError::MissingSpace;
    r.suggestion = spelled(number, *folded);
    return r;
  }
  if (!exact) {
    r.error = DurationError::WrongCase;
    r.suggestion = spelled(number, *folded);
    return r;
  }
  r.value.amount = decimal_value(number);
  r.value.unit = exact->unit;
  return r;
}

EpochMs add_duration(EpochMs start, const Duration& d) {
  // date-fns floors positive decimals; amounts are never negative (the grammar has no sign).
  const double whole = std::floor(d.amount);
  // Capped at 1e9 units (millions of years) so no arithmetic below can overflow.
  const auto n = static_cast<std::int64_t>(whole > 1e9 ? 1e9 : whole);
  switch (d.unit) {
    case DurationUnit::Minutes: return start + n * kMinute;
    case DurationUnit::Hours: return start + n * kHour;
    case DurationUnit::Days: return start + n * kDay;
    case DurationUnit::Weeks: return start + n * 7 * kDay;
    case DurationUnit::Months:
    case DurationUnit::Years: {
      const std::int64_t months = d.unit == DurationUnit::Years ? n * 12 : n;
      std::int64_t days = start / kDay;
      std::int64_t ms = start % kDay;
      if (ms < 0) {
        ms += kDay;
        --days;
      }
      CivilDate c = civil_from_days(days);
      const std::int64_t index = c.year * 12 + (c.month - 1) + months;
      c.year = index >= 0 ? index / 12 : -((-index + 11) / 12);
      c.month = static_cast<unsigned>(index - c.year * 12) + 1;
      const unsigned last = days_in_month(c.year, c.month);
      if (c.day > last) c.day = last;
      return days_from_civil(c) * kDay + ms;
    }
  }
  return start;
}

}  // namespace caw::time
