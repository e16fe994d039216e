#pragma once
#include <nlohmann/json.hpp>

#include "limits.hpp"
#include "report/problem.hpp"

namespace caw::sim {

// Every ad hoc request of a scenario goes through the full courier-level validator before
// anything runs.
Report validate_request(const nlohmann::json& request, const Limits& limits);

// An automation template fixture: the same rules, except that recipients and templates may be
// left for the invoking request (or a parent run's context) to supply.
Report validate_template(const nlohmann::json& request, const Limits& limits);

}  // namespace caw::sim
