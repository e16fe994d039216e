#pragma once
#include <nlohmann/json.hpp>

#include "limits.hpp"
#include "report/problem.hpp"
#include "schema/level.hpp"

namespace caw::oracle {

// Checks a parsed request against the field table (schema/spec.cpp): object shapes, types,
// required fields, nullability, enums, step actions; at the courier level also the engine's
// extra fields, accessor objects and unknown-property warnings. Rules that need more than
// the table (durations, recipients, refs, ...) live in validate/.
void check_request_shape(const nlohmann::json& request, Level level, const Limits& limits, Report& report);

// True when `value` is an accessor object: exactly {"$ref": "<string>"}.
bool is_accessor(const nlohmann::json& value);

}  // namespace caw::oracle
