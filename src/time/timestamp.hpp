#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "time/civil.hpp"

namespace caw::time {

// A delay step's `until`: ISO 8601, extended ("2024-04-08T08:09:10.123Z") or basic
// ("20240408T080910.123"), as date-fns parseISO reads it. A missing offset is read as UTC
// (the project's decision, courier-semantics.md section 6).
enum class TimestampError : std::uint8_t {
  None,
  Empty,
  Malformed,       // not ISO 8601 at all ("next tuesday", "04/08/2024")
  ImpossibleDate,  // month 13, Feb 30, hour 25, ...
  BadOffset,       // "+25:00"
  OutOfRange,      // the offset moves it outside kMinInstant..kMaxInstant ("0000-01-01T00:00:00+01:00")
};

struct Timestamp {
  EpochMs epoch_ms = 0;
  bool has_offset = false;    // Z or +hh:mm given
  bool basic_format = false;  // 20240408T080910 rather than 2024-04-08T08:09:10
  bool has_time = false;      // false for a date alone ("2024-04-08" = midnight UTC)
};

struct TimestampParse {
  Timestamp value;
  TimestampError error = TimestampError::None;
  std::string detail;  // what exactly is impossible, for messages ("month 13")
  [[nodiscard]] bool ok() const { return error == TimestampError::None; }
};

TimestampParse parse_timestamp(std::string_view text);

}  // namespace caw::time
