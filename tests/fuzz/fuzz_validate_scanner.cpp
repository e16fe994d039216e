// The validator and the DOM oracle (tests/oracle) must give the same report, at both levels, on
// any bytes (syntax errors compared by code: each parser words them its own way); neither may
// crash, leak or hit undefined behaviour (run under ASan + UBSan).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "validate/validate.hpp"
#include "validate_dom.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  caw::Limits limits;
  limits.max_depth = 64;  // keeps the DOM path's recursion-free checker and the locator quick
  for (caw::Level level : {caw::Level::Schema, caw::Level::Courier}) {
    const caw::Report fast = caw::validate_text(text, level, limits);
    const caw::Report dom = caw::oracle::validate_text_dom(text, level, limits);
    if (caw::oracle::comparable(fast) != caw::oracle::comparable(dom)) std::abort();
  }
  return 0;
}
