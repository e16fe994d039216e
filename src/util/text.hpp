#pragma once
#include <initializer_list>
#include <string>
#include <string_view>

namespace caw {

// Joins the parts into one string. Messages are built with it rather than chains of
// operator+, which inline a copy of std::string's append logic at every call site: the
// validator's wasm module is smaller for it, and messages are off the hot path.
std::string cat(std::initializer_list<std::string_view> parts);

// Equality of two short names (fields, properties), the cheap tests first: most names differ in
// length or in their first or last byte, and in wasm memcmp is a function call.
inline bool same_name(std::string_view a, std::string_view b) {
  return a.size() == b.size() && (a.empty() || (a.front() == b.front() && a.back() == b.back())) && a == b;
}

}  // namespace caw
