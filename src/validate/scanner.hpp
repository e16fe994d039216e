#pragma once
#include <string_view>

#include "limits.hpp"
#include "report/problem.hpp"
#include "schema/level.hpp"

namespace caw {

enum class ScanOutcome : unsigned char {
  Sure,    // no errors; `report` holds every warning, located (the complete report)
  Unsure,  // something the scanner does not decide: use the DOM path (validate_text_dom)
};

// The hot path of validate_text: one pass over the bytes with an explicit stack (no recursion,
// no DOM, no allocation per value), UTF-8 checked, the field table (schema/spec.cpp) read as it
// goes, the engine rules' field predicates (validate/rules) applied as it goes.
//
// It answers Sure only when it has seen the whole payload and is certain the DOM path would
// report no error and exactly the warnings it collected. The only warnings it produces itself
// are the ones of rules::check_until (delay.until.no_offset / basic_format, from the same
// function the DOM path calls); any other problem, or anything unusual (escapes in strings
// whose content matters, exponents, a step whose first key is not "action", accessor objects,
// deprecated aliases, unknown properties at the courier level, a possible duplicate key, a
// limit approached), makes it answer Unsure.
ScanOutcome scan_request(std::string_view text, Level level, const Limits& limits, Report& report);

}  // namespace caw
