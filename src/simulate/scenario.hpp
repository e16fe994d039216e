#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "report/problem.hpp"
#include "simulate/engine.hpp"

namespace caw::sim {

// Programs keyed by their steps' JSON: a million runs of the same automation share one.
using ProgramCache = std::unordered_map<std::string, std::shared_ptr<const Program>>;

struct Invocation {
  EpochMs at = 0;
  RunSpec spec;
};

// A scenario (docs/dry-run.md): now, seed, fixtures, invocations. A bare ad hoc invoke body
// is a scenario of one invocation at "now".
struct Scenario {
  EpochMs now = kDefaultNow;
  std::uint64_t seed = 0;
  Fixtures fixtures;
  std::vector<Invocation> invocations;
};

struct ScenarioParse {
  Scenario scenario;
  Report report;  // every problem, paths from the scenario's root ("/invocations/0/request/...")
  [[nodiscard]] bool ok() const { return report.valid(); }
};

// Checks the whole scenario (every request validated) and builds it; nothing runs. `extra`
// (fixtures given beside the scenario) is added to the scenario's own before any invocation
// looks a template up.
ScenarioParse parse_scenario(const json& doc, const Options& options, Fixtures extra = {});

// `more` added to `to`, `more` winning per id; its webhooks go first (the first match answers).
void add_fixtures(Fixtures& to, Fixtures more);

// Parses the fixtures object alone (the stepwise Simulator takes them in its options).
Fixtures parse_fixtures(const json& fixtures, const std::string& path, const Limits& limits, ProgramCache& cache,
                        Report& report);

// One invocation {at?, templateId?, request}; `path` prefixes its problems. Returns false on errors.
bool parse_invocation(const json& invocation, const std::string& path, EpochMs now, const Fixtures& fixtures,
                      const Limits& limits, ProgramCache& cache, Invocation& out, Report& report);

// The steps (a JSON array) compiled: each step typed, each literal `if` parsed once.
std::shared_ptr<const Program> compile_program(const json& steps, const Limits& limits);

// The steps' program from `cache`, compiled on a miss (keyed by the steps' JSON).
std::shared_ptr<const Program> program_for(const json& steps, const Limits& limits, ProgramCache& cache);

// An ISO 8601 timestamp string into `out`; false (with a scenario.time problem at `path`) otherwise.
bool read_time(const json& v, const std::string& path, Report& report, EpochMs& out);

// Reads a scenario (or a bare ad hoc body) straight from its text: one scan for well-formedness,
// each request judged by the validator's scanner on its own bytes, programs shared by identical
// steps bytes; no DOM of the whole scenario. Problems carry line/column in `text`.
ScenarioParse read_scenario(std::string_view text, const Options& options, Fixtures extra = {});

// An ad hoc invoke body (already validated) as a RunSpec.
RunSpec spec_from_request(const json& request, const Limits& limits, ProgramCache& cache);

}  // namespace caw::sim
