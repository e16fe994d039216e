#pragma once
#include <cstdint>
#include <optional>
#include <string_view>

namespace caw {

// `schema`: exactly the OpenAPI contract (spec/openapi.json), comparable verdict for verdict
// with any JSON Schema validator. `courier` (the default): schema plus what Courier's engine
// enforces or silently mishandles (docs/courier-semantics.md section 6).
enum class Level : std::uint8_t { Schema, Courier };

constexpr std::optional<Level> parse_level(std::string_view name) {
  if (name == "schema") return Level::Schema;
  if (name == "courier" || name.empty()) return Level::Courier;
  return std::nullopt;
}

constexpr std::string_view level_name(Level level) {
  return level == Level::Schema ? "schema" : "courier";
}

}  // namespace caw
