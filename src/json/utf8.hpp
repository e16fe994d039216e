#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace caw {

// One step of a UTF-8 reading (Unicode table 3-7: no overlongs, no surrogates, at most U+10FFFF).
struct Utf8Step {
  std::size_t length;  // bytes taken: the whole sequence, or its maximal ill-formed subpart (>= 1)
  bool valid;
};

// The sequence starting at s[i] (i < s.size()). An ill-formed one ends at the first byte that
// cannot continue it, so replacing each ill-formed step with one U+FFFD is what TextDecoder and
// nlohmann's dump(error_handler_t::replace) do ("maximal subparts").
inline Utf8Step utf8_step(std::string_view s, std::size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return {1, true};
  unsigned lo = 0x80;  // the range of the second byte; later ones are always 80..BF
  unsigned hi = 0xBF;
  std::size_t n = 0;
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return {1, false};
  }
  for (std::size_t k = 1; k < n; ++k) {
    if (i + k >= s.size()) return {k, false};
    const auto b = static_cast<unsigned char>(s[i + k]);
    if (b < lo || b > hi) return {k, false};
    lo = 0x80;
    hi = 0xBF;
  }
  return {n, true};
}

// The UTF-8 encoding of a code point (below 0x110000).
inline void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

}  // namespace caw
