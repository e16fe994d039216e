#include "time/timestamp.hpp"

#include "util/decimal.hpp"
#include "util/text.hpp"

namespace caw::time {

namespace {

class Cursor {
 public:
  explicit Cursor(std::string_view s) : s_(s) {}
  [[nodiscard]] bool done() const { return i_ >= s_.size(); }
  [[nodiscard]] char peek() const { return done() ? '\0' : s_[i_]; }
  bool accept(char c) {
    if (peek() != c) return false;
    ++i_;
    return true;
  }
  // Exactly n digits.
  bool digits(std::size_t n, int& out) {
    if (i_ + n > s_.size()) return false;
    int v = 0;
    for (std::size_t k = 0; k < n; ++k) {
      const char c = s_[i_ + k];
      if (c < '0' || c > '9') return false;
      v = v * 10 + (c - '0');
    }
    i_ += n;
    out = v;
    return true;
  }
  // One or more digits of a fraction: milliseconds, extra digits truncated.
  bool fraction(int& ms) {
    std::size_t k = 0;
    ms = 0;
    while (!done() && peek() >= '0' && peek() <= '9') {
      if (k < 3) ms = ms * 10 + (peek() - '0');
      ++k;
      ++i_;
    }
    for (std::size_t pad = k; pad < 3; ++pad) ms *= 10;
    return k > 0;
  }

 private:
  std::string_view s_;
  std::size_t i_ = 0;
};

TimestampParse fail(TimestampError e, std::string detail = {}) {
  TimestampParse r;
  r.error = e;
  r.detail = std::move(detail);
  return r;
}

}  // namespace

TimestampParse parse_timestamp(std::string_view text) {
  if (text.empty()) return fail(TimestampError::Empty);
  Cursor c(text);
  TimestampParse r;
  int year = 0, month = 0, day = 0;
  if (!c.digits(4, year)) return fail(TimestampError::Malformed);
  if (c.accept('-')) {
    if (!c.digits(2, month) || !c.accept('-') || !c.digits(2, day)) return fail(TimestampError::Malformed);
  } else {
    r.value.basic_format = true;
    if (!c.digits(2, month) || !c.digits(2, day)) return fail(TimestampError::Malformed);
  }
  int hour = 0, minute = 0, second = 0, ms = 0;
  if (c.accept('T') || c.accept(' ')) {
    r.value.has_time = true;
    if (!c.digits(2, hour)) return fail(TimestampError::Malformed);
    const bool extended_time = c.accept(':');
    if (!c.digits(2, minute)) return fail(TimestampError::Malformed);
    if (extended_time ? c.accept(':') : (c.peek() >= '0' && c.peek() <= '9')) {
      if (!c.digits(2, second)) return fail(TimestampError::Malformed);
      if ((c.accept('.') || c.accept(',')) && !c.fraction(ms)) return fail(TimestampError::Malformed);
    }
    if (c.accept('Z') || c.accept('z')) {
      r.value.has_offset = true;
    } else if (c.peek() == '+' || c.peek() == '-') {
      const int sign = c.peek() == '-' ? -1 : 1;
      c.accept(c.peek());
      int oh = 0, om = 0;
      if (!c.digits(2, oh)) return fail(TimestampError::Malformed);
      if (c.accept(':')) {
        if (!c.digits(2, om)) return fail(TimestampError::Malformed);
      } else if (!c.done()) {
        if (!c.digits(2, om)) return fail(TimestampError::Malformed);
      }
      if (oh > 23 || om > 59) return fail(TimestampError::BadOffset, cat({"offset ", decimal(oh), ":", decimal(om)}));
      r.value.has_offset = true;
      r.value.epoch_ms = -sign * (oh * kHour + om * kMinute);
    }
  }
  if (!c.done()) return fail(TimestampError::Malformed);

  if (month < 1 || month > 12) return fail(TimestampError::ImpossibleDate, cat({"month ", decimal(month)}));
  if (day < 1 || static_cast<unsigned>(day) > days_in_month(year, static_cast<unsigned>(month))) {
    return fail(TimestampError::ImpossibleDate,
                cat({"day ", decimal(day), " of month ", decimal(month), " in ", decimal(year)}));
  }
  if (hour > 23) return fail(TimestampError::ImpossibleDate, cat({"hour ", decimal(hour)}));
  if (minute > 59) return fail(TimestampError::ImpossibleDate, cat({"minute ", decimal(minute)}));
  if (second > 59) return fail(TimestampError::ImpossibleDate, cat({"second ", decimal(second)}));

  const std::int64_t days = days_from_civil(CivilDate{year, static_cast<unsigned>(month), static_cast<unsigned>(day)});
  r.value.epoch_ms += days * kDay + hour * kHour + minute * kMinute + second * 1000 + ms;
  if (!in_range(r.value.epoch_ms)) {
    return fail(TimestampError::OutOfRange, "outside 0000-01-01T00:00:00.000Z ... 9999-12-31T23:59:59.999Z in UTC");
  }
  return r;
}

}  // namespace caw::time
