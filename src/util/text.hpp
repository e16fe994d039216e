#pragma once
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <string>
#include <string_view>

namespace caw {

// Joins the parts into one string. Messages are built with it rather than chains of
// operator+, which inline a copy of std::string's append logic at every call site: the
// validator's wasm module is smaller for it, and messages are off the hot path.
std::string cat(std::initializer_list<std::string_view> parts);

// "a", "b" or "c": the values quoted, for messages that list what is allowed.
std::string quoted_list(const std::string_view* values, std::size_t count);

// Equality of two short names (fields, properties), the cheap tests first: most names differ in
// length or in their first or last byte, and in wasm memcmp is a function call.
inline bool same_bytes(const char* a, const char* b, std::size_t n) {
  // Eight bytes a compare, then the tail: no call to memcmp, which is a byte loop in wasm's libc.
  for (; n >= 8; a += 8, b += 8, n -= 8) {
    std::uint64_t x;
    std::uint64_t y;
    std::memcpy(&x, a, 8);
    std::memcpy(&y, b, 8);
    if (x != y) return false;
  }
  for (; n > 0; --n) {
    if (*a++ != *b++) return false;
  }
  return true;
}

inline bool same_name(std::string_view a, std::string_view b) {
  return a.size() == b.size() && (a.empty() || (a.front() == b.front() && a.back() == b.back())) &&
         same_bytes(a.data(), b.data(), a.size());
}

}  // namespace caw
