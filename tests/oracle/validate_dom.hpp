#pragma once
#include <string>
#include <string_view>

#include "limits.hpp"
#include "report/problem.hpp"
#include "schema/level.hpp"

namespace caw::oracle {

// The DOM oracle's whole validation of text: nlohmann's parser (parse_text), then the DOM shape
// checker and rules of tests/oracle. Tests and the fuzz target compare it with caw::validate_text.
Report validate_text_dom(std::string_view text, Level level = Level::Courier, const Limits& limits = {});

// What the validator and the oracle must agree on, as JSON text: everything, except that the two
// parsers word (and place) a syntax or UTF-8 error each in their own way, so for those only the
// code counts, and they place a limit.* problem each at its own (equally valid) spot.
std::string comparable(Report report);

}  // namespace caw::oracle
