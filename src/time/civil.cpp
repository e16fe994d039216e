#include "time/civil.hpp"

#include <cstdio>

namespace caw::time {

bool is_leap_year(std::int64_t y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

unsigned days_in_month(std::int64_t year, unsigned month) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  return month == 2 && is_leap_year(year) ? 29 : kDays[month - 1];
}

std::int64_t days_from_civil(CivilDate d) {
  const std::int64_t y = d.month <= 2 ? d.year - 1 : d.year;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;
  const std::int64_t mp = (d.month + 9) % 12;
  const std::int64_t doy = (153 * mp + 2) / 5 + d.day - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

CivilDate civil_from_days(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const auto day = static_cast<unsigned>(doy - (153 * mp + 2) / 5 + 1);
  const auto month = static_cast<unsigned>(mp < 10 ? mp + 3 : mp - 9);
  return CivilDate{yoe + era * 400 + (month <= 2 ? 1 : 0), month, day};
}

std::string format_iso(EpochMs t) {
  std::int64_t days = t / kDay;
  std::int64_t ms = t % kDay;
  if (ms < 0) {
    ms += kDay;
    --days;
  }
  const CivilDate d = civil_from_days(days);
  char buf[48];
  const bool expanded = d.year < 0 || d.year > 9999;
  std::snprintf(buf, sizeof buf,
                expanded ? "%+07lld-%02u-%02uT%02d:%02d:%02d.%03dZ" : "%04lld-%02u-%02uT%02d:%02d:%02d.%03dZ",
                static_cast<long long>(d.year), d.month, d.day, static_cast<int>(ms / kHour),
                static_cast<int>(ms / kMinute % 60), static_cast<int>(ms / 1000 % 60), static_cast<int>(ms % 1000));
  return buf;
}

}  // namespace caw::time
