#pragma once
#include <cstdint>
#include <string>

namespace caw::time {

// Milliseconds since 1970-01-01T00:00:00Z. The simulator's clock and every parsed time.
using EpochMs = std::int64_t;

constexpr EpochMs kMinute = 60'000;
constexpr EpochMs kHour = 60 * kMinute;
constexpr EpochMs kDay = 24 * kHour;

// The instants the core represents: 0000-01-01T00:00:00.000Z ... 9999-12-31T23:59:59.999Z, the
// four-digit years of ISO 8601 / RFC 3339. Arithmetic that would leave them is an error, never a
// wrap (int64 milliseconds hold far more) and never a silent cap.
constexpr EpochMs kMinInstant = -62'167'219'200'000;
constexpr EpochMs kMaxInstant = 253'402'300'799'999;
constexpr bool in_range(EpochMs t) {
  return t >= kMinInstant && t <= kMaxInstant;
}

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

// "2024-04-08T08:09:10.123Z": ISO 8601 UTC with milliseconds, the format of every trace. Outside
// the range above (never produced by the core) the expanded form JavaScript's toISOString uses,
// "+012024-01-01T00:00:00.000Z", so a year never reads as a different four-digit one.
std::string format_iso(EpochMs t);

}  // namespace caw::time
