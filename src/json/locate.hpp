#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace caw {

// 1-based line and column; columns count Unicode code points, not bytes.
struct TextPosition {
  std::uint32_t line = 1;
  std::uint32_t column = 1;
};

// Positions count from after a UTF-8 byte order mark, which editors do not show.
inline std::size_t bom_length(std::string_view text) {
  return text.size() >= 3 && text[0] == '\xEF' && text[1] == '\xBB' && text[2] == '\xBF' ? 3 : 0;
}

TextPosition position_of_offset(std::string_view text, std::size_t offset);

// Where each JSON Pointer's value starts in `text`, found in one pass over the text (the
// error path only: a report with many problems must not rescan the text once per problem).
// A pointer that does not exist (a missing field) resolves to its deepest existing ancestor.
// Duplicate keys resolve to the last occurrence, the one the parser keeps.
std::unordered_map<std::string, TextPosition> locate_pointers(std::string_view text,
                                                              const std::vector<std::string>& pointers);

std::optional<TextPosition> locate_pointer(std::string_view text, const std::string& pointer);

}  // namespace caw
