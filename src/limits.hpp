#pragma once
#include <cstddef>
#include <cstdint>

namespace caw {

// Every bound the core enforces on untrusted input, in one place. Each limit turns into a
// clear problem (code "limit.*") instead of a crash, a hang or an out-of-memory trap.
struct Limits {
  std::size_t max_payload_bytes = 8u * 1024 * 1024;  // a request body; Courier documents none
  std::size_t max_depth = 128;                       // nesting of arrays/objects in the JSON text
  std::size_t max_steps = 10'000;                    // steps in one automation
  std::size_t max_string_bytes = 1u * 1024 * 1024;   // one JSON string value or key

  // Step `if` expressions and `$ref` accessor paths (src/expr).
  std::size_t max_expression_bytes = 4096;  // longer expressions are refused, not parsed
  std::size_t max_expression_depth = 64;    // nesting of the expression tree (parens, !, member chains)

  // The dry-run simulator (src/simulate). 64-bit on every platform: a caller's 2^32 must not wrap
  // to 0 in wasm32, where std::size_t has 32 bits.
  std::size_t max_scenario_bytes = 1024u * 1024 * 1024;  // a whole scenario text (each request still max_payload_bytes)
  std::uint64_t max_sim_runs = 2'000'000;                // runs started in one simulation (invocations + invoke steps)
  std::uint64_t max_sim_events = 20'000'000;             // events taken off the queue in one simulation
  std::uint64_t max_invoke_depth = 16;                   // nested invoke steps (courier-semantics.md section 6)
  // The engine's estimate of its memory (runs, step records, queued events, messages, their JSON)
  // plus the trace it will write, in wasm32 sizes on every platform so native and wasm stop at the
  // same point: about 1.2M runs of bench/simulate's shape. Keeps a dry run inside wasm32's 2 GiB
  // whatever the scenario (the scenario text itself aside): limit.memory instead of a trap.
  std::uint64_t max_sim_memory_bytes = 1024ull * 1024 * 1024;
};

}  // namespace caw
