#pragma once
#include <nlohmann/json.hpp>

#include "limits.hpp"
#include "report/problem.hpp"

namespace caw::sim {

// Every request of a scenario goes through here before anything runs. Today: the shape
// checker at the courier level; when caw::validate_json lands this becomes a one-line change.
Report validate_request(const nlohmann::json& request, const Limits& limits);

}  // namespace caw::sim
