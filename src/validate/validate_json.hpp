#pragma once
#include <nlohmann/json.hpp>

#include "limits.hpp"
#include "report/problem.hpp"
#include "schema/level.hpp"

namespace caw {

// A request that is already a JSON value (the dry run's scenarios): written out as text and
// judged by the same validator; problems carry no line/column (there is no text of the caller's
// to point into).
Report validate_json(const nlohmann::json& request, Level level = Level::Courier, const Limits& limits = {});

}  // namespace caw
