#include "util/text.hpp"

namespace caw {

std::string cat(std::initializer_list<std::string_view> parts) {
  std::size_t size = 0;
  for (std::string_view p : parts) size += p.size();
  std::string out;
  out.reserve(size);
  for (std::string_view p : parts) out.append(p.data(), p.size());
  return out;
}

std::string quoted_list(const std::string_view* values, std::size_t count) {
  std::string out;
  for (std::size_t i = 0; i < count; ++i) {
    if (i) out += i + 1 == count ? " or " : ", ";
    out += '"';
    out += values[i];
    out += '"';
  }
  return out;
}

}  // namespace caw
