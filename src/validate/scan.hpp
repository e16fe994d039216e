#pragma once
#include <string_view>

#include "limits.hpp"
#include "report/problem.hpp"
#include "validate/facts.hpp"

namespace caw {

// The validator's only reading of the bytes: one pass with an explicit stack (no recursion, no
// DOM), UTF-8 and JSON grammar checked, the limits applied, duplicate keys found in every object
// at any depth. It fills `facts` (see facts.hpp) and adds the problems of the text itself
// (json.syntax, json.utf8, json.duplicate_key, limit.*) to `report`, each with its byte offset.
// facts.complete is false when the text is not a well-formed document within the limits: the
// rules then have nothing to judge.
void scan(std::string_view text, const Limits& limits, facts::Facts& facts, Report& report);

}  // namespace caw
