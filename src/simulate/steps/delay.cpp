// delay: lands exactly on time on the virtual clock (courier-semantics.md 1.1 and section 6).
#include <cmath>

#include "simulate/steps/steps.hpp"
#include "time/duration.hpp"
#include "time/timestamp.hpp"

namespace caw::sim::steps {

StepResult delay(StepContext& c, const model::DelayStep& s) {
  StepResult result;
  Engine& e = c.engine;
  const bool has_duration = !s.duration.absent() || !s.delay_for.absent();
  const bool has_until = !s.until.absent() || !s.delay_until.absent();
  if (has_duration == has_until) {
    c.record.note("Invalid automation delay step definition.: a delay needs exactly one of duration / until");
    result.outcome = Outcome::Error;
    return result;
  }
  EpochMs wake = e.now();
  if (has_duration) {
    const auto& field = s.duration.absent() ? s.delay_for : s.duration;
    auto text = e.resolve(c.run, field, c.record, "duration");
    time::DurationParse d = text ? time::parse_duration(*text) : time::DurationParse{};
    if (!text || !d.ok()) {
      c.record.note("Invalid delay duration definition.: \"" + (text ? *text : std::string()) + "\"");
      result.outcome = Outcome::Error;
      return result;
    }
    if (std::floor(d.value.amount) != d.value.amount) c.record.notes |= kNoteDurationFloored;
    const std::optional<EpochMs> end = time::add_duration(e.now(), d.value);
    if (!end) {
      c.record.note("time.out_of_range: a delay of \"" + *text + "\" from " + time::format_iso(e.now()) +
                    " ends outside 0000-01-01T00:00:00.000Z ... 9999-12-31T23:59:59.999Z");
      result.outcome = Outcome::Error;
      return result;
    }
    wake = *end;
    if (e.full()) c.record.input() = json{{"duration", *text}};
  } else {
    const auto& field = s.until.absent() ? s.delay_until : s.until;
    auto text = e.resolve(c.run, field, c.record, "until");
    time::TimestampParse t = text ? time::parse_timestamp(*text) : time::TimestampParse{};
    if (t.error == time::TimestampError::OutOfRange) {
      c.record.note("time.out_of_range: until \"" + *text + "\" is " + t.detail);
      result.outcome = Outcome::Error;
      return result;
    }
    if (!text || !t.ok()) {
      c.record.note("Invalid delay until: \"" + (text ? *text : std::string()) + "\" is not an ISO 8601 timestamp");
      result.outcome = Outcome::Error;
      return result;
    }
    if (!t.value.has_offset) c.record.notes |= kNoteUntilNoOffset;
    wake = t.value.epoch_ms;
    if (wake < e.now()) {
      c.record.notes |= kNoteUntilPast;
      wake = e.now();
    }
    if (e.full()) c.record.input() = json{{"until", *text}};
  }
  c.record.notes |= kNoteDelayVariance;
  if (e.full()) c.record.output() = json{{"waitUntil", time::format_iso(wake)}};
  result.outcome = Outcome::Wait;
  result.wake = wake;
  return result;
}

}  // namespace caw::sim::steps
