#pragma once
#include <cstdint>
#include <string>

namespace caw {

// Decimal digits of an unsigned integer, appended. The validator formats its few numbers itself
// so the small wasm module links no printf.
inline void append_decimal(std::string& out, std::uint64_t value) {
  char digits[20];
  int n = 0;
  do {
    digits[n++] = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value != 0);
  while (n > 0) out += digits[--n];
}

inline std::string decimal(std::uint64_t value) {
  std::string out;
  append_decimal(out, value);
  return out;
}

}  // namespace caw
