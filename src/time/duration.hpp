#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "time/civil.hpp"

namespace caw::time {

// A delay step's `duration`: "<number> <unit>" as Courier's engine reads it
// (courier-semantics.md 1.1): units minute(s), hour(s), day(s), week(s), month(s), year(s),
// case-sensitive, at least one space between number and unit. No seconds, no ISO 8601.
enum class DurationUnit : std::uint8_t { Minutes, Hours, Days, Weeks, Months, Years };

struct Duration {
  double amount = 0;  // as written; the engine floors decimals (date-fns add)
  DurationUnit unit = DurationUnit::Minutes;
};

enum class DurationError : std::uint8_t {
  None,
  Empty,         // "" or only spaces
  Iso8601,       // "PT5M", "P1D": ISO 8601 durations are not read by delay steps
  Seconds,       // "30 seconds": the engine has no seconds unit
  UnknownUnit,   // "5 fortnights"
  MissingSpace,  // "5minutes"
  WrongCase,     // "5 Minutes"
  Malformed,     // anything else ("five minutes", "-5 minutes", "5")
};

struct DurationParse {
  Duration value;
  DurationError error = DurationError::None;
  std::string suggestion;  // the accepted spelling closest to the input, when there is one
  [[nodiscard]] bool ok() const { return error == DurationError::None; }
};

DurationParse parse_duration(std::string_view text);

// date-fns `add(date, {unit: floor(amount)})` in UTC: months and years clamp to the end of
// the month (Jan 31 + 1 month = Feb 29 in 2024); weeks and days are calendar days. Nothing when
// `start` or the end lies outside kMinInstant..kMaxInstant (civil.hpp): no wrap, no cap.
std::optional<EpochMs> add_duration(EpochMs start, const Duration& d);

// True when the duration ends outside kMinInstant..kMaxInstant from every start inside it
// ("300000000 years", "9999999999 minutes"): wrong whatever the clock says.
bool longer_than_range(const Duration& d);

std::string_view unit_name(DurationUnit unit);  // plural: "minutes"

}  // namespace caw::time
