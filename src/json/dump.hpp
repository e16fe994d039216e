#pragma once
#include <string>

#include <nlohmann/json.hpp>

namespace caw {

// The only way the core turns JSON into text. nlohmann's dump() throws (so, with
// JSON_NOEXCEPTION, aborts the wasm instance) on invalid UTF-8, which can reach a message via
// a parse error's "last read" bytes: replacing bad bytes with U+FFFD keeps every dump total.
template <class BasicJson>
std::string dump_json(const BasicJson& j, int indent = -1) {
  return j.dump(indent, ' ', false, BasicJson::error_handler_t::replace);
}

}  // namespace caw
