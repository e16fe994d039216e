#pragma once
#include <nlohmann/json.hpp>

namespace caw::sim {

// Deep merge, `incoming` wins (json-merger / deep-extend): objects merge key by key,
// anything else is replaced. JSON depth is bounded by the parser, so the recursion is too.
void deep_merge(nlohmann::json& target, const nlohmann::json& incoming);

// Shallow merge, `incoming` wins at the top level: {...base, ...incoming}.
nlohmann::json shallow_merge(const nlohmann::json& base, const nlohmann::json& incoming);

// Adds only the top-level keys of `incoming` that `target` lacks.
void soft_merge(nlohmann::json& target, const nlohmann::json& incoming);

}  // namespace caw::sim
