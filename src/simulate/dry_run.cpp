#include "simulate/dry_run.hpp"

#include "json/dump.hpp"
#include "json/parse_text.hpp"
#include "simulate/scenario.hpp"
#include "time/timestamp.hpp"

namespace caw::sim {

namespace {

bool read_count(const nlohmann::json& limits, const char* key, std::size_t& out, Report& report) {
  auto it = limits.find(key);
  if (it == limits.end()) return true;
  if (!it->is_number_unsigned() || it->get<std::uint64_t>() == 0) {
    report.error("options.limits", std::string("/options/limits/") + key, "expected a positive integer");
    return false;
  }
  out = static_cast<std::size_t>(it->get<std::uint64_t>());
  return true;
}

}  // namespace

Limits scenario_limits(const Limits& limits) {
  Limits l = limits;
  l.max_payload_bytes = limits.max_scenario_bytes;
  return l;
}

Options parse_options(const nlohmann::json& o, Report& report) {
  Options out;
  if (o.is_null()) return out;
  if (!o.is_object()) {
    report.error("options.type", "/options", "options must be an object");
    return out;
  }
  if (auto d = o.find("detail"); d != o.end() && !d->is_null()) {
    if (d->is_string() && (*d == "full" || *d == "summary")) {
      out.full_detail = *d == "full";
    } else {
      report.error("options.detail", "/options/detail", "detail must be \"full\" or \"summary\"");
    }
  }
  if (auto n = o.find("now"); n != o.end() && !n->is_null()) {
    time::TimestampParse t = n->is_string() ? time::parse_timestamp(n->get_ref<const std::string&>())
                                            : time::TimestampParse{{}, time::TimestampError::Malformed, {}};
    if (t.ok()) {
      out.now = t.value.epoch_ms;
    } else {
      report.error("options.now", "/options/now", "now must be an ISO 8601 timestamp");
    }
  }
  if (auto s = o.find("seed"); s != o.end() && !s->is_null()) {
    if (s->is_number_unsigned()) {
      out.seed = s->get<std::uint64_t>();
    } else {
      report.error("options.seed", "/options/seed", "seed must be a non-negative integer");
    }
  }
  if (auto f = o.find("externalFetch"); f != o.end() && f->is_boolean()) out.external_fetch = f->get<bool>();
  if (auto l = o.find("limits"); l != o.end() && l->is_object()) {
    read_count(*l, "maxRuns", out.limits.max_sim_runs, report);
    read_count(*l, "maxEvents", out.limits.max_sim_events, report);
    read_count(*l, "maxInvokeDepth", out.limits.max_invoke_depth, report);
  }
  return out;
}

DryRunOutcome dry_run(std::string_view scenario_text, std::string_view options_text) {
  DryRunOutcome out;
  Report report;
  Options options;
  if (!options_text.empty()) {
    ParsedText o = parse_text(options_text);
    if (!o.ok) {
      report.merge(o.problems, "/options");
    } else {
      options = parse_options(o.value, report);
    }
  }
  ParsedText doc = parse_text(scenario_text, scenario_limits(options.limits));
  if (!doc.ok) {
    report.merge(doc.problems);
    out.text = dump_json(report.to_json());
    return out;
  }
  if (!report.valid()) {
    out.text = dump_json(report.to_json());
    return out;
  }
  ScenarioParse parsed = parse_scenario(doc.value, options);
  doc.value = nullptr;  // the requests live on in the programs and specs; free the DOM now
  if (!parsed.ok()) {
    parsed.report.locate_in(scenario_text);
    out.text = dump_json(parsed.report.to_json());
    return out;
  }
  options.external_fetch = false;  // the one-shot dry run has no caller to ask
  Scenario& s = parsed.scenario;
  Engine engine(options, std::move(s.fixtures), s.now, s.seed);
  for (Invocation& inv : s.invocations) engine.invoke(std::move(inv.spec), inv.at);
  s.invocations.clear();
  engine.run_until_idle();
  engine.write_trace(out.text, &parsed.report);
  out.ok = true;
  return out;
}

}  // namespace caw::sim
