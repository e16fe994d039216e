// libFuzzer target: the dry run on fuzzed scenarios (or bare invoke bodies). For any input:
//  - the simulator never crashes and never hangs: runs, events and invoke depth are bounded by
//    small limits here, so every input finishes quickly;
//  - the same input twice gives byte-identical output (trace or report).
// The first byte picks the options (detail, seed, externalFetch); the rest is the scenario.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "simulate/dry_run.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::uint8_t knobs = data[0];
  const std::string_view scenario(reinterpret_cast<const char*>(data + 1), size - 1);
  std::string options = "{\"detail\":\"";
  options += (knobs & 1) ? "summary" : "full";
  options += "\",\"seed\":" + std::to_string(knobs >> 2);
  options += ",\"externalFetch\":";
  options += (knobs & 2) ? "true" : "false";
  options += ",\"limits\":{\"maxRuns\":64,\"maxEvents\":4096,\"maxInvokeDepth\":8}}";

  const caw::sim::DryRunOutcome first = caw::sim::dry_run(scenario, options);
  const caw::sim::DryRunOutcome second = caw::sim::dry_run(scenario, options);
  if (first.ok != second.ok || first.text != second.text) {
    std::fprintf(stderr, "fuzz_simulator: same input, different output\n%s\n---\n%s\n", first.text.c_str(),
                 second.text.c_str());
    std::abort();
  }
  if (first.text.empty()) {
    std::fprintf(stderr, "fuzz_simulator: empty output\n");
    std::abort();
  }
  return 0;
}
