#include "simulate/dry_run.hpp"

#include <cstdlib>

#include "json/dump.hpp"
#include "json/parse_text.hpp"
#include "time/timestamp.hpp"

namespace caw::sim {

namespace {

// The largest limit a caller may give: what a JS number, a wasm32 size and an int all hold (the JS
// layer refuses more with a RangeError first), so a 2^32 can never wrap to 0 on the way.
constexpr std::uint64_t kMaxLimit = 2147483647;

bool read_count(const nlohmann::json& limits, const char* key, std::uint64_t& out, Report& report) {
  auto it = limits.find(key);
  if (it == limits.end()) return true;
  if (!it->is_number_unsigned() || it->get<std::uint64_t>() == 0 || it->get<std::uint64_t>() > kMaxLimit) {
    report.error("options.limits", std::string("/options/limits/") + key,
                 "expected a positive integer up to 2147483647 (2^31 - 1)");
    return false;
  }
  out = it->get<std::uint64_t>();
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

namespace {

// The "fixtures" option: a value, or JSON text (a caller's fixtures file or editor) whose
// problems are then located in it.
Fixtures read_fixtures_option(const nlohmann::json& option, const Limits& limits, Report& report) {
  static constexpr const char* kPath = "/options/fixtures";
  ProgramCache cache;
  if (!option.is_string()) return parse_fixtures(option, kPath, limits, cache, report);
  const std::string& text = option.get_ref<const std::string&>();
  ParsedText doc = parse_text(text, scenario_limits(limits));
  if (!doc.ok) {
    report.merge(doc.problems, kPath);
    return {};
  }
  Report own;
  Fixtures out = parse_fixtures(doc.value, "", limits, cache, own);
  own.locate_in(text);
  report.merge(own, kPath);
  return out;
}

}  // namespace

OpenScenario open_scenario(std::string_view scenario_text, std::string_view options_text) {
  OpenScenario out;
  Report& report = out.parsed.report;
  nlohmann::json fixtures;
  if (!options_text.empty()) {
    // The options may carry a whole fixtures file as one string.
    Limits text_limits = scenario_limits({});
    text_limits.max_string_bytes = text_limits.max_payload_bytes;
    ParsedText o = parse_text(options_text, text_limits);
    if (!o.ok) {
      report.merge(o.problems, "/options");
    } else {
      out.options = parse_options(o.value, report);
      if (auto f = o.value.find("fixtures"); o.value.is_object() && f != o.value.end()) fixtures = std::move(*f);
    }
  }
  if (!report.valid()) return out;
  Fixtures extra = read_fixtures_option(fixtures, out.options.limits, report);
  ScenarioParse parsed = read_scenario(scenario_text, out.options, std::move(extra));
  report.merge(parsed.report);
  out.parsed.scenario = std::move(parsed.scenario);
  return out;
}

DryRunOutcome dry_run(std::string_view scenario_text, std::string_view options_text) {
  DryRunOutcome out;
  {
    // Grow the heap once for what a scenario this size needs (about 8 bytes per byte of text in the
    // benchmark's scenarios), instead of step by step while it runs. malloc, not a container: a
    // request the heap cannot meet just returns null here (no abort), and the run goes on as before.
    void* room = std::malloc(scenario_text.size() * 8);
    std::free(room);
  }
  OpenScenario open = open_scenario(scenario_text, options_text);
  if (!open.parsed.ok()) {
    out.text = dump_json(open.parsed.report.to_json());
    return out;
  }
  Options& options = open.options;
  options.external_fetch = false;  // the one-shot dry run has no caller to ask
  Scenario& s = open.parsed.scenario;
  Engine engine(options, std::move(s.fixtures), s.now, s.seed);
  for (Invocation& inv : s.invocations) engine.invoke(std::move(inv.spec), inv.at);
  s.invocations.clear();
  engine.run_until_idle();
  if (options.full_detail) {
    engine.write_trace(out.text, &open.parsed.report);
  } else {
    write_summary(engine, out.text, &open.parsed.report, &out.layout);
  }
  out.ok = true;
  return out;
}

}  // namespace caw::sim
