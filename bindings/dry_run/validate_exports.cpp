// The hot validate path as plain C exports: JS writes the payload's bytes into a buffer in
// linear memory (reused across calls, grown as needed) and gets the report back as bytes. No
// Embind std::string and no JSON.parse on the way in.
#include <emscripten/emscripten.h>

#include <cstdint>
#include <cstdlib>
#include <string>

#include "validate/validate.hpp"

namespace {

std::uint8_t* g_input = nullptr;
std::size_t g_capacity = 0;
std::string g_result;

}  // namespace

extern "C" {

// A buffer of at least `size` bytes for the next payload (the same one while it is big enough).
// Returns 0 when memory cannot grow.
EMSCRIPTEN_KEEPALIVE std::uint8_t* caw_input_buffer(std::size_t size) {
  if (size > g_capacity) {
    std::size_t capacity = g_capacity ? g_capacity : 4096;
    while (capacity < size) capacity *= 2;
    void* grown = std::realloc(g_input, capacity);
    if (grown == nullptr) return nullptr;
    g_input = static_cast<std::uint8_t*>(grown);
    g_capacity = capacity;
  }
  return g_input;
}

// Validates the first `size` bytes of the input buffer. level: 0 schema, 1 courier. located: 0
// drops line/column (the payload was a JS object: positions would refer to text the caller
// never wrote). Returns 0 for the common valid-and-clean case, otherwise the length of the
// report's JSON text at caw_result().
EMSCRIPTEN_KEEPALIVE std::size_t caw_validate(std::size_t size, int level, int located) {
  const std::string_view text(reinterpret_cast<const char*>(g_input), size <= g_capacity ? size : 0);
  caw::Report report = caw::validate_text(text, level == 0 ? caw::Level::Schema : caw::Level::Courier);
  if (report.valid() && report.warnings().empty()) return 0;
  if (!located) {
    for (auto* list : {&report.errors(), &report.warnings()}) {
      for (caw::Problem& p : *list) {
        p.line.reset();
        p.column.reset();
      }
    }
  }
  g_result = report.to_json_text();
  return g_result.size();
}

EMSCRIPTEN_KEEPALIVE const char* caw_result() {
  return g_result.data();
}

}  // extern "C"
