// update-profile on the scenario's profile store (courier-semantics.md 1.4):
// replace = exactly the new profile; overwrite = deep merge, new wins, arrays merged index by
// index (json-merger); soft-merge = only new top-level keys; none = only when no profile exists
// (and the new one is not empty). recipient_id is the step's own: Courier does not fill it from
// the run (section 1.12), and the validator refuses a step without one.
#include "simulate/merge.hpp"
#include "simulate/steps/steps.hpp"

namespace caw::sim::steps {

StepResult update_profile(StepContext& c, const model::UpdateProfileStep& s) {
  StepResult result;
  Engine& e = c.engine;
  auto id = e.resolve(c.run, s.recipient_id, c.record, "recipient_id");
  if (!id || id->empty()) {
    c.record.note("no recipient_id (Courier does not fall back to the run's recipient here)");
    result.outcome = Outcome::Error;
    return result;
  }
  std::string merge = "replace";
  if (auto m = e.resolve(c.run, s.merge, c.record, "merge")) merge = *m;
  const json* incoming = s.profile.get();
  if (incoming == nullptr || !incoming->is_object()) {
    c.record.note("update-profile needs a profile object");
    result.outcome = Outcome::Error;
    return result;
  }
  json& store = e.profiles();
  auto it = store.find(*id);
  const bool exists = it != store.end() && !it->is_null();
  json before = exists ? *it : json();
  json after;
  if (merge == "replace") {
    after = *incoming;
  } else if (merge == "overwrite") {
    after = exists ? before : json::object();
    merge_by_index(after, *incoming);
  } else if (merge == "soft-merge") {
    after = exists ? before : json::object();
    soft_merge(after, *incoming);
  } else if (merge == "none") {
    if (exists) {
      after = before;
      c.record.note("merge none: a profile exists, left unchanged");
    } else if (incoming->empty()) {
      c.record.note("merge none: the new profile is empty, nothing written");
    } else {
      after = *incoming;
    }
  } else {
    c.record.note("unknown merge strategy \"" + merge + "\" (none | overwrite | soft-merge | replace)");
    result.outcome = Outcome::Error;
    return result;
  }
  if (!after.is_null()) {
    e.charge(48 + Engine::json_bytes(after));  // the store's copy (the one it replaces is not refunded)
    store[*id] = after;
  }
  if (e.full()) {
    c.record.input() = json{{"recipient_id", *id}, {"merge", merge}, {"profile", *incoming}, {"before", before}};
    c.record.output() = json{{"profile", after}};
  }
  if (c.keeps_ref()) result.ref = json{{"profile", after}};
  return result;
}

}  // namespace caw::sim::steps
