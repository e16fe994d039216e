#pragma once
#include <string_view>

#include <nlohmann/json.hpp>

#include "limits.hpp"
#include "report/problem.hpp"
#include "schema/level.hpp"

namespace caw {

// Validates an ad hoc invoke body (POST /automations/invoke).
//
// Level::Schema: exactly the OpenAPI contract (spec/openapi.json). Level::Courier (default):
// schema plus the engine's rules (docs/courier-semantics.md section 6; every code is listed in
// docs/rules.md). Problems come in a canonical order (JSON Pointer, then code, then message),
// so a report is the same however it was produced.
//
// Text input: a single-pass scanner (validate/scanner.hpp) decides the common clean case
// without building a DOM; anything it is not sure about goes through the DOM path
// (parse_text + check_request_shape + validate/rules). Both give the same report. Problems
// carry line/column.
Report validate_text(std::string_view text, Level level = Level::Courier, const Limits& limits = {});

// A parsed request: the DOM path only, and no line/column.
Report validate_json(const nlohmann::json& request, Level level = Level::Courier, const Limits& limits = {});

// The DOM path for text, without the scanner (tests compare the two).
Report validate_text_dom(std::string_view text, Level level = Level::Courier, const Limits& limits = {});

// Sorts errors and warnings into the canonical order (path segment-wise with numeric array
// indices, then code, then message).
void canonical_order(Report& report);

}  // namespace caw
