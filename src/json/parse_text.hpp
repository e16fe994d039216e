#pragma once
#include <string_view>

#include <nlohmann/json.hpp>

#include "limits.hpp"
#include "report/problem.hpp"

namespace caw {

struct ParsedText {
  nlohmann::json value;  // null when !ok
  Report problems;       // json.syntax / json.utf8 / limit.* errors, json.duplicate_key warnings
  bool ok = false;
};

// Parses JSON text with no exception anywhere (nlohmann's SAX interface, our own DOM
// builder): bad input yields a located problem, never an abort. Depth and string size are
// bounded by `limits`, duplicate keys are reported (the last one wins, as in JSON.parse).
ParsedText parse_text(std::string_view text, const Limits& limits = {});

}  // namespace caw
