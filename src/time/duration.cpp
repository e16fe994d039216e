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

namespace {

EpochMs unit_ms(DurationUnit unit) {
  switch (unit) {
    case DurationUnit::Minutes: return kMinute;
    case DurationUnit::Hours: return kHour;
    case DurationUnit::Days: return kDay;
    case DurationUnit::Weeks: return 7 * kDay;
    default: return 0;  // months and years: calendar arithmetic
  }
}

constexpr EpochMs kSpan = kMaxInstant - kMinInstant;
constexpr double kMaxMonths = 10000.0 * 12;  // more months than years 0000..9999 hold

}  // namespace

std::optional<EpochMs> add_duration(EpochMs start, const Duration& d) {
  if (!in_range(start)) return std::nullopt;
  // date-fns floors positive decimals; amounts are never negative (the grammar has no sign).
  const double whole = std::floor(d.amount);
  if (!(whole >= 0)) return std::nullopt;
  if (const EpochMs unit = unit_ms(d.unit)) {
    // Compared as doubles first: a count beyond the range cannot be turned into an int64.
    if (whole > static_cast<double>(kSpan / unit)) return std::nullopt;
    const EpochMs end = start + static_cast<std::int64_t>(whole) * unit;
    return in_range(end) ? std::optional<EpochMs>(end) : std::nullopt;
  }
  const double months_d = d.unit == DurationUnit::Years ? whole * 12 : whole;
  if (months_d > kMaxMonths) return std::nullopt;
  const auto months = static_cast<std::int64_t>(months_d);
  std::int64_t days = start / kDay;
  std::int64_t ms = start % kDay;
  if (ms < 0) {
    ms += kDay;
    --days;
  }
  CivilDate c = civil_from_days(days);
  const std::int64_t index = c.year * 12 + (c.month - 1) + months;
  c.year = index / 12;  // start >= year 0 and months >= 0: never negative
  c.month = static_cast<unsigned>(index - c.year * 12) + 1;
  const unsigned last = days_in_month(c.year, c.month);
  if (c.day > last) c.day = last;
  const EpochMs end = days_from_civil(c) * kDay + ms;
  return in_range(end) ? std::optional<EpochMs>(end) : std::nullopt;
}

bool longer_than_range(const Duration& d) {
  const double whole = std::floor(d.amount);
  if (const EpochMs unit = unit_ms(d.unit)) return whole > static_cast<double>(kSpan / unit);
  return (d.unit == DurationUnit::Years ? whole * 12 : whole) >= kMaxMonths;
}

}  // namespace caw::time
