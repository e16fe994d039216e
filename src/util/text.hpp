#pragma once
#include <initializer_list>
#include <string>
#include <string_view>

namespace caw {

// Joins the parts into one string. Messages are built with it rather than chains of
// operator+, which inline a copy of std::string's append logic at every call site: the
// validator's wasm module is smaller for it, and messages are off the hot path.
std::string cat(std::initializer_list<std::string_view> parts);

}  // namespace caw
