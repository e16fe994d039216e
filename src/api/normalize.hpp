#pragma once
#include <string>
#include <string_view>

#include "limits.hpp"
#include "report/problem.hpp"

namespace caw {

struct NormalizeOptions {
  int indent = -1;  // -1: compact; n >= 0: pretty-printed with n spaces
  Limits limits{};
};

struct NormalizeResult {
  bool ok = false;
  std::string output;  // the canonical JSON when ok
  Report report;       // errors when !ok; warnings either way; located in the input text
};

// Text in, canonical text out: the payload is parsed, its shape checked at the courier level,
// and written back from the typed model in the schema's field order. Meaning is unchanged:
// nulls, aliases and unknown properties are kept, and so is a negative zero (as JSON.parse keeps
// it), written -0.0.
NormalizeResult normalize(std::string_view text, const NormalizeOptions& options = {});

}  // namespace caw
