#pragma once
#include <string>
#include <string_view>

#include "limits.hpp"
#include "report/problem.hpp"
#include "schema/level.hpp"

namespace caw::oracle {

// The DOM oracle's whole validation of text: nlohmann's parser (parse_text), then the DOM shape
// checker and rules of tests/oracle. Tests and the fuzz target compare it with caw::validate_text.
Report validate_text_dom(std::string_view text, Level level = Level::Courier, const Limits& limits = {});

// What the validator and the oracle must agree on at `level`, as JSON text.
//
// Schema level: everything, except that the two parsers word (and place) a syntax or UTF-8 error
// each in their own way, so for those only the code counts, and they place a limit.* problem each
// at its own (equally valid) spot.
//
// Courier level: only the json.* and limit.* problems (in the same terms). The courier level's
// rules (Courier's invoke procedure: steps filled from the run, closed shapes, the engine's
// rules, docs/courier-semantics.md sections 1.12 and 6) are written once, in src/validate; a
// second copy here would only be compared with itself, and two copies of one judgement drift
// apart silently. The oracle stays independent where it is independent: the parser, the limits
// and the OpenAPI's field table; courier_keeps_schema_errors() ties the two levels together.
std::string comparable(Report report, Level level = Level::Schema);

// The courier level is the schema level plus the engine's rules, except where section 6 lets it
// accept what the OpenAPI refuses (webhook method missing or lowercase, merge_strategy "none",
// body objects, header values and step strings as accessors, subscribe steps, the deprecated
// "cancelationToken" in place of "cancelation_token"). True when every
// schema-level error the oracle finds outside those leaves `courier` (the validator's courier
// report on the same text) invalid.
bool courier_keeps_schema_errors(const Report& oracle_schema, const Report& courier);

}  // namespace caw::oracle
