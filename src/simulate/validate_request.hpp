#pragma once
#include <string>

#include <nlohmann/json.hpp>

#include "limits.hpp"
#include "report/problem.hpp"

namespace caw::sim {

// The dry run's warning about a step's `if` it cannot evaluate (it runs as JavaScript in
// Courier), or "" when the step has none or it is within the evaluated subset.
std::string unsupported_if(const nlohmann::json& step);

// Every ad hoc request of a scenario goes through the full courier-level validator before
// anything runs.
Report validate_request(const nlohmann::json& request, const Limits& limits);

// An automation template fixture: the same rules, except that recipients and templates may be
// left for the invoking request (or a parent run's context) to supply.
Report validate_template(const nlohmann::json& request, const Limits& limits);

}  // namespace caw::sim
