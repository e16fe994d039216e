#pragma once
#include <string_view>

#include "limits.hpp"
#include "report/problem.hpp"
#include "schema/level.hpp"
#include "validate/facts.hpp"

namespace caw {

// Validates an ad hoc invoke body (POST /automations/invoke).
//
// Level::Schema: exactly the OpenAPI contract (spec/openapi.json). Level::Courier (default):
// schema plus the engine's rules (docs/courier-semantics.md section 6; every code is listed in
// docs/rules.md). One pass over the bytes collects the facts (validate/scan.hpp), one judge runs
// every rule over them (validate/judge.hpp). Problems come in a canonical order (JSON Pointer,
// then code, then message) and carry line/column (1-based, columns in code points).

enum class Scope : unsigned char {
  All,    // every rule
  Shape,  // the field table's rules only (normalize: the shape the model can hold)
};

// Validates into `report`, reusing `work` (a caller validating many payloads keeps one).
void validate_text(std::string_view text, Level level, const Limits& limits, facts::Facts& work, Report& report,
                   Scope scope = Scope::All);

Report validate_text(std::string_view text, Level level = Level::Courier, const Limits& limits = {});

// Sorts errors and warnings into the canonical order (path segment-wise with numeric array
// indices, then code, then message).
void canonical_order(Report& report);

// Fills line/column of every problem that has a byte offset into `text`, in one pass.
void locate_offsets(Report& report, std::string_view text);

}  // namespace caw
