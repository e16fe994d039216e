#pragma once
#include <string>
#include <string_view>

namespace caw {

// RFC 6901 JSON Pointer segments: "~" -> "~0", "/" -> "~1".
inline void append_pointer_segment(std::string& pointer, std::string_view segment) {
  pointer += '/';
  for (char c : segment) {
    if (c == '~') {
      pointer += "~0";
    } else if (c == '/') {
      pointer += "~1";
    } else {
      pointer += c;
    }
  }
}

inline std::string child_pointer(std::string_view parent, std::string_view segment) {
  std::string p(parent);
  append_pointer_segment(p, segment);
  return p;
}

inline std::string child_pointer(std::string_view parent, std::size_t index) {
  std::string p(parent);
  p += '/';
  p += std::to_string(index);
  return p;
}

}  // namespace caw
