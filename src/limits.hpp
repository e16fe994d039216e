#pragma once
#include <cstddef>

namespace caw {

// Every bound the core enforces on untrusted input, in one place. Each limit turns into a
// clear problem (code "limit.*") instead of a crash, a hang or an out-of-memory trap.
struct Limits {
  std::size_t max_payload_bytes = 8u * 1024 * 1024;  // a request body; Courier documents none
  std::size_t max_depth = 128;                       // nesting of arrays/objects in the JSON text
  std::size_t max_steps = 10'000;                    // steps in one automation
  std::size_t max_string_bytes = 1u * 1024 * 1024;   // one JSON string value or key
};

}  // namespace caw
