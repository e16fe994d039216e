#pragma once
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "report/problem.hpp"
#include "simulate/engine.hpp"

namespace caw::sim {

// Options as JSON: {"detail": "full" | "summary", "now": ISO, "seed": n, "externalFetch": bool,
// "limits": {"maxRuns", "maxEvents", "maxInvokeDepth"}}. Problems go to `report` under /options.
Options parse_options(const nlohmann::json& options, Report& report);

// The limits a whole scenario text is parsed with: max_scenario_bytes instead of max_payload_bytes.
Limits scenario_limits(const Limits& limits);

struct DryRunOutcome {
  bool ok = false;
  std::string text;  // the trace when ok, else the report {"valid": false, "errors": [...], ...}
};

// The whole dry run: parse, validate every request (refusing the scenario on any error),
// simulate until idle, write the trace.
DryRunOutcome dry_run(std::string_view scenario_text, std::string_view options_text);

}  // namespace caw::sim
