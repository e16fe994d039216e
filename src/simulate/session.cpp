#include "simulate/session.hpp"

#include "json/dump.hpp"
#include "json/parse_text.hpp"
#include "simulate/dry_run.hpp"
#include "time/duration.hpp"
#include "time/timestamp.hpp"

namespace caw::sim {

Session::Session(std::string_view scenario_text, std::string_view options_text) {
  OpenScenario open =
      open_scenario(scenario_text.empty() ? std::string_view("{\"invocations\":[]}") : scenario_text, options_text);
  options_ = open.options;
  if (!open.parsed.ok()) {
    report_ = dump_json(open.parsed.report.to_json());
    return;
  }
  warnings_ = std::move(open.parsed.report);
  Scenario& s = open.parsed.scenario;
  engine_ = std::make_unique<Engine>(options_, std::move(s.fixtures), s.now, s.seed);
  for (Invocation& inv : s.invocations) engine_->invoke(std::move(inv.spec), inv.at);
}

std::string Session::invoke(std::string_view invocation_text) {
  nlohmann::json out;
  Report report;
  ParsedText doc = parse_text(invocation_text, options_.limits);
  if (!engine_) {
    report.error("simulator.closed", "", "the simulator did not open");
  } else if (!doc.ok) {
    report.merge(doc.problems);
  } else {
    // A bare ad hoc body, or {at?, templateId?, request}.
    const bool wrapped = doc.value.is_object() && doc.value.contains("request") && !doc.value.contains("automation");
    nlohmann::json wrapper;
    if (!wrapped) wrapper = nlohmann::json{{"request", doc.value}};
    Invocation inv;
    if (parse_invocation(wrapped ? doc.value : wrapper, "", engine_->now(), engine_->fixtures(), options_.limits,
                         cache_, inv, report)) {
      const std::string id = engine_->invoke(std::move(inv.spec), inv.at);
      out = {{"ok", true}, {"runId", id.empty() ? nlohmann::json() : nlohmann::json(id)}};
      if (!report.warnings().empty()) out["report"] = report.to_json();
      return dump_json(out);
    }
  }
  report.locate_in(invocation_text);
  out = {{"ok", false}, {"report", report.to_json()}};
  return dump_json(out);
}

std::string Session::advance(std::string_view what) {
  if (!engine_) return "the simulator did not open";
  time::DurationParse d = time::parse_duration(what);
  if (d.ok()) {
    const std::optional<EpochMs> until = time::add_duration(engine_->now(), d.value);
    if (!until) {
      return "time.out_of_range: " + this->now() + " + \"" + std::string(what) + "\" is after 9999-12-31T23:59:59.999Z";
    }
    engine_->advance_to(*until);
    return {};
  }
  time::TimestampParse t = time::parse_timestamp(what);
  if (t.error == time::TimestampError::OutOfRange)
    return "time.out_of_range: \"" + std::string(what) + "\" is " + t.detail;
  if (t.ok()) {
    if (t.value.epoch_ms < engine_->now()) return "cannot advance to a time before now (" + this->now() + ")";
    engine_->advance_to(t.value.epoch_ms);
    return {};
  }
  return "advance takes a duration (\"1 day\", \"30 minutes\") or an ISO 8601 instant, not \"" + std::string(what) +
         "\"";
}

std::string Session::resolve_time(std::string_view what) const {
  if (!engine_) return {};
  time::DurationParse d = time::parse_duration(what);
  if (d.ok()) {
    const std::optional<EpochMs> at = time::add_duration(engine_->now(), d.value);
    return at ? time::format_iso(*at) : std::string();
  }
  time::TimestampParse t = time::parse_timestamp(what);
  if (t.ok()) return time::format_iso(t.value.epoch_ms);
  return {};
}

void Session::run_until_idle() {
  if (engine_) engine_->run_until_idle();
}

std::string Session::pending_fetch() const {
  if (!engine_ || !engine_->pending_fetch()) return {};
  return dump_json(engine_->pending_fetch()->request);
}

bool Session::resolve_fetch(std::string_view response_text, bool ok) {
  if (!engine_) return false;
  nlohmann::json response = nlohmann::json::object();
  if (ok) {
    ParsedText r = parse_text(response_text, options_.limits);
    if (r.ok) {
      response = std::move(r.value);
    } else {
      ok = false;
    }
  }
  return engine_->resolve_fetch(response, ok);
}

std::string Session::trace() const {
  std::string out;
  if (engine_) engine_->write_trace(out, &warnings_);
  return out;
}

std::string Session::now() const {
  return engine_ ? time::format_iso(engine_->now()) : std::string();
}

}  // namespace caw::sim
