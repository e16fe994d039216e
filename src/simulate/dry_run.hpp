#pragma once
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "report/problem.hpp"
#include "simulate/engine.hpp"
#include "simulate/scenario.hpp"

namespace caw::sim {

// Options as JSON: {"detail": "full" | "summary", "now": ISO, "seed": n, "externalFetch": bool,
// "limits": {"maxRuns", "maxEvents", "maxInvokeDepth"}, "fixtures": {...} | JSON text}.
// Problems go to `report` under /options. The fixtures are read by open_scenario.
Options parse_options(const nlohmann::json& options, Report& report);

// The limits a whole scenario text is parsed with: max_scenario_bytes instead of max_payload_bytes.
Limits scenario_limits(const Limits& limits);

struct OpenScenario {
  Options options;
  ScenarioParse parsed;
};

// The options and the scenario read and checked; nothing runs. Every problem comes located in
// the text it is in: the scenario's in `scenario_text`, those of a "fixtures" option given as
// JSON text (fixtures added to the scenario's, theirs winning per id) in that text, under
// /options/fixtures. The other options' problems, under /options, carry no position.
OpenScenario open_scenario(std::string_view scenario_text, std::string_view options_text);

// Where the two big arrays of a summary trace are in its text (byte offsets, end exclusive), so
// a caller can parse the rest at once and each array only when it is read. All 0 otherwise.
struct SummaryLayout {
  std::size_t runs_begin = 0, runs_end = 0;
  std::size_t messages_begin = 0, messages_end = 0;
};

struct DryRunOutcome {
  bool ok = false;
  std::string text;  // the trace when ok, else the report {"valid": false, "errors": [...], ...}
  SummaryLayout layout;
};

// The summary trace (docs/dry-run.md, detail "summary"): counts, and each run's status without
// its steps; the messages without data/profile. Sized once up front. `layout`: where its arrays are.
void write_summary(Engine& engine, std::string& out, const Report* warnings = nullptr, SummaryLayout* layout = nullptr);

// The whole dry run: parse, validate every request (refusing the scenario on any error),
// simulate until idle, write the trace.
DryRunOutcome dry_run(std::string_view scenario_text, std::string_view options_text);

}  // namespace caw::sim
