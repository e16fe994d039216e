#pragma once
#include <cstdint>
#include <string>

namespace caw::time {

// Milliseconds since 1970-01-01T00:00:00Z. The simulator's clock and every parsed time.
using EpochMs = std::int64_t;

constexpr EpochMs kMinute = 60'000;
constexpr EpochMs kHour = 60 * kMinute;
constexpr EpochMs kDay = 24 * kHour;

struct CivilDate {
  std::int64_t year;
  unsigned month;  // 1..12
  unsigned day;    // 1..31
};

bool is_leap_year(std::int64_t year);
unsigned days_in_month(std::int64_t year, unsigned month);

// Proleptic Gregorian calendar <-> days since the epoch (Howard Hinnant's algorithms).
std::int64_t days_from_civil(CivilDate d);
CivilDate civil_from_days(std::int64_t days);

// "2024-04-08T08:09:10.123Z": ISO 8601 UTC with milliseconds, the format of every trace.
std::string format_iso(EpochMs t);

}  // namespace caw::time
