#pragma once
#include <nlohmann/json.hpp>

namespace caw::sim {

// Deep merge, `incoming` wins (json-merger / deep-extend): objects merge key by key,
// anything else is replaced. JSON depth is bounded by the parser, so the recursion is too.
void deep_merge(nlohmann::json& target, const nlohmann::json& incoming);

// json-merger's mergeObjects (update-profile overwrite, courier-semantics.md 1.4): like
// deep_merge, except that arrays merge index by index (element i of `incoming` merged into
// element i of `target`; the longer array's tail kept).
void merge_by_index(nlohmann::json& target, const nlohmann::json& incoming);

// deep-extend as Courier's invoke handler fills a send step's data / profile (section 1.12):
// the run's object deep-extended by the step's (a step value that is not an object is ignored
// when the run has one), else the step's value, else {}.
nlohmann::json deep_extend(const nlohmann::json& run, const nlohmann::json* step);

// Shallow merge, `incoming` wins at the top level: {...base, ...incoming}.
nlohmann::json shallow_merge(const nlohmann::json& base, const nlohmann::json& incoming);

// Adds only the top-level keys of `incoming` that `target` lacks.
void soft_merge(nlohmann::json& target, const nlohmann::json& incoming);

}  // namespace caw::sim
