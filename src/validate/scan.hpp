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

// The limit.payload_bytes problem for a payload of `size` bytes: what scan() reports for text over
// the limit, for a caller that refuses such a payload before holding its bytes.
void payload_too_large(std::size_t size, const Limits& limits, Report& report);

}  // namespace caw
