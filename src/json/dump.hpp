#pragma once
#include <string>

#include <nlohmann/json.hpp>

#include "json/text_writer.hpp"

namespace caw {

// The only way the core turns a DOM into text: the same bytes as nlohmann's dump(indent) with
// error_handler_t::replace, written by TextWriter. Total: invalid UTF-8 (which can reach a
// message via a parse error's "last read" bytes) becomes U+FFFD instead of aborting the instance.
inline void append_json(std::string& out, const nlohmann::json& j, int indent = -1) {
  TextWriter(out, indent).value(j);
}

inline std::string dump_json(const nlohmann::json& j, int indent = -1) {
  std::string out;
  append_json(out, j, indent);
  return out;
}

}  // namespace caw
