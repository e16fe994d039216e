#include <gtest/gtest.h>

#include "time/duration.hpp"
#include "time/timestamp.hpp"

namespace caw::time {
namespace {

EpochMs at(const char* iso) {
  auto r = parse_timestamp(iso);
  EXPECT_TRUE(r.ok()) << iso;
  return r.value.epoch_ms;
}

TEST(Timestamp, ExtendedAndBasicAgree) {
  auto basic = parse_timestamp("20240408T080910.123");
  ASSERT_TRUE(basic.ok());
  EXPECT_TRUE(basic.value.basic_format);
  EXPECT_FALSE(basic.value.has_offset);
  EXPECT_EQ(format_iso(basic.value.epoch_ms), "2024-04-08T08:09:10.123Z");
  EXPECT_EQ(at("2024-04-08T08:09:10.123Z"), basic.value.epoch_ms);
  EXPECT_EQ(at("2024-04-08T10:09:10.123+02:00"), basic.value.epoch_ms);
  EXPECT_EQ(at("2024-04-08T03:09:10.123-0500"), basic.value.epoch_ms);
  EXPECT_EQ(at("2024-04-08"), at("2024-04-08T00:00:00Z"));
  EXPECT_EQ(at("2024-04-08T08:09"), at("2024-04-08T08:09:00.000Z"));
}

TEST(Timestamp, ImpossibleDatesAndGarbage) {
  EXPECT_EQ(parse_timestamp("2024-13-01T00:00:00Z").error, TimestampError::ImpossibleDate);
  EXPECT_EQ(parse_timestamp("2023-02-29T00:00:00Z").error, TimestampError::ImpossibleDate);
  EXPECT_TRUE(parse_timestamp("2024-02-29T00:00:00Z").ok());
  EXPECT_EQ(parse_timestamp("2024-02-30").error, TimestampError::ImpossibleDate);
  EXPECT_EQ(parse_timestamp("2024-01-01T24:00:00Z").error, TimestampError::ImpossibleDate);
  EXPECT_EQ(parse_timestamp("2024-01-01T00:00:00+25:00").error, TimestampError::BadOffset);
  EXPECT_EQ(parse_timestamp("next tuesday").error, TimestampError::Malformed);
  EXPECT_EQ(parse_timestamp("04/08/2024").error, TimestampError::Malformed);
  EXPECT_EQ(parse_timestamp("").error, TimestampError::Empty);
  EXPECT_EQ(parse_timestamp("2024-04-08T08:09:10Zjunk").error, TimestampError::Malformed);
}

TEST(Duration, AcceptedSpellings) {
  for (const char* ok : {"5 minutes", "1 minute", "1 hour", "3 days", "2 weeks", "1 month", "1 year", "1.5 hours",
                         ".5 days", "10  minutes"}) {
    EXPECT_TRUE(parse_duration(ok).ok()) << ok;
  }
  auto r = parse_duration("3 days");
  EXPECT_EQ(r.value.unit, DurationUnit::Days);
  EXPECT_EQ(r.value.amount, 3);
}

TEST(Duration, RejectedSpellingsWithSuggestions) {
  auto iso = parse_duration("PT5M");
  EXPECT_EQ(iso.error, DurationError::Iso8601);
  EXPECT_EQ(iso.suggestion, "5 minutes");
  EXPECT_EQ(parse_duration("P1D").suggestion, "1 day");
  EXPECT_EQ(parse_duration("30 seconds").error, DurationError::Seconds);
  auto squashed = parse_duration("5minutes");
  EXPECT_EQ(squashed.error, DurationError::MissingSpace);
  EXPECT_EQ(squashed.suggestion, "5 minutes");
  auto upper = parse_duration("2 Days");
  EXPECT_EQ(upper.error, DurationError::WrongCase);
  EXPECT_EQ(upper.suggestion, "2 days");
  EXPECT_EQ(parse_duration("5 fortnights").error, DurationError::UnknownUnit);
  EXPECT_EQ(parse_duration("five minutes").error, DurationError::Malformed);
  EXPECT_EQ(parse_duration("-5 minutes").error, DurationError::Malformed);
  EXPECT_EQ(parse_duration("5").error, DurationError::Malformed);
  EXPECT_EQ(parse_duration("  ").error, DurationError::Empty);
}

TEST(Duration, CalendarArithmeticLikeDateFns) {
  auto add = [](const char* start, const char* d) {
    return format_iso(add_duration(at(start), parse_duration(d).value).value());
  };
  EXPECT_EQ(add("2024-01-31T10:00:00Z", "1 month"), "2024-02-29T10:00:00.000Z");
  EXPECT_EQ(add("2023-01-31T10:00:00Z", "1 month"), "2023-02-28T10:00:00.000Z");
  EXPECT_EQ(add("2024-02-29T00:00:00Z", "1 year"), "2025-02-28T00:00:00.000Z");
  EXPECT_EQ(add("2024-03-31T00:00:00Z", "1 month"), "2024-04-30T00:00:00.000Z");
  EXPECT_EQ(add("2024-12-31T23:59:00Z", "2 minutes"), "2025-01-01T00:01:00.000Z");
  EXPECT_EQ(add("2024-01-01T00:00:00Z", "1.9 hours"), "2024-01-01T01:00:00.000Z");  // floored
  EXPECT_EQ(add("2024-01-01T00:00:00Z", "2 weeks"), "2024-01-15T00:00:00.000Z");
  EXPECT_EQ(add("2024-11-30T00:00:00Z", "3 months"), "2025-02-28T00:00:00.000Z");
}

// Issue 13: "300000000 years" overflowed int64 milliseconds (the wait landed in year -284552026)
// and "9999999999 minutes" was silently capped at 1e9. Now both are no instant at all.
TEST(Duration, NeverWrapsNorCaps) {
  const EpochMs now = at("2024-01-01T00:00:00Z");
  for (const char* d : {"300000000 years", "9999999999 minutes", "8000 years", "100000 months",
                        "99999999999999999999999 weeks", "522000 weeks"}) {
    EXPECT_FALSE(add_duration(now, parse_duration(d).value).has_value()) << d;
  }
  EXPECT_EQ(format_iso(add_duration(now, parse_duration("7975 years").value).value()), "9999-01-01T00:00:00.000Z");
  EXPECT_EQ(format_iso(add_duration(at("9999-12-31T23:58:59.999Z"), parse_duration("1 minute").value).value()),
            "9999-12-31T23:59:59.999Z");
  EXPECT_FALSE(add_duration(at("9999-12-31T23:59:00Z"), parse_duration("1 minute").value).has_value());
  EXPECT_FALSE(add_duration(kMaxInstant + 1, parse_duration("1 minute").value).has_value());
}

TEST(Duration, LongerThanTheRangeWhateverTheStart) {
  EXPECT_TRUE(longer_than_range(parse_duration("300000000 years").value));
  EXPECT_TRUE(longer_than_range(parse_duration("9999999999 minutes").value));
  EXPECT_TRUE(longer_than_range(parse_duration("10000 years").value));
  EXPECT_TRUE(longer_than_range(parse_duration("120000 months").value));
  EXPECT_FALSE(longer_than_range(parse_duration("9999 years").value));
  EXPECT_FALSE(longer_than_range(parse_duration("119999 months").value));
  // The bound is exact: the longest fitting count of each fixed unit still fits from year 0.
  const std::int64_t minutes = (kMaxInstant - kMinInstant) / kMinute;
  const Duration fits{static_cast<double>(minutes), DurationUnit::Minutes};
  EXPECT_FALSE(longer_than_range(fits));
  EXPECT_TRUE(add_duration(kMinInstant, fits).has_value());
  EXPECT_TRUE(longer_than_range(Duration{static_cast<double>(minutes + 1), DurationUnit::Minutes}));
}

TEST(Timestamp, AnOffsetCannotLeaveTheYears0000To9999) {
  EXPECT_EQ(parse_timestamp("0000-01-01T00:00:00+01:00").error, TimestampError::OutOfRange);
  EXPECT_EQ(parse_timestamp("9999-12-31T23:59:59-00:01").error, TimestampError::OutOfRange);
  EXPECT_EQ(parse_timestamp("0000-01-01T00:00:00Z").value.epoch_ms, kMinInstant);
  EXPECT_EQ(parse_timestamp("9999-12-31T23:59:59.999Z").value.epoch_ms, kMaxInstant);
}

TEST(Civil, TheRangeConstantsAreTheCalendarsOwn) {
  EXPECT_EQ(kMinInstant, days_from_civil(CivilDate{0, 1, 1}) * kDay);
  EXPECT_EQ(kMaxInstant, days_from_civil(CivilDate{10000, 1, 1}) * kDay - 1);
  EXPECT_EQ(format_iso(kMinInstant), "0000-01-01T00:00:00.000Z");
  EXPECT_EQ(format_iso(kMaxInstant), "9999-12-31T23:59:59.999Z");
  // Never "12024-...": past the range the expanded years of JavaScript's toISOString.
  EXPECT_EQ(format_iso(days_from_civil(CivilDate{12024, 1, 1}) * kDay), "+012024-01-01T00:00:00.000Z");
  EXPECT_EQ(format_iso(kMinInstant - 1), "-000001-12-31T23:59:59.999Z");
}

TEST(Civil, RoundTripsDays) {
  for (std::int64_t d = -800000; d <= 800000; d += 997) {
    EXPECT_EQ(days_from_civil(civil_from_days(d)), d);
  }
  EXPECT_EQ(format_iso(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(format_iso(-1), "1969-12-31T23:59:59.999Z");
}

}  // namespace
}  // namespace caw::time
