// The validator and the DOM oracle (tests/oracle) must agree on any bytes: the whole report at the
// schema level (syntax errors compared by code: each parser words them its own way); at the courier
// level the json.* / limit.* problems, and that the schema level's errors keep the courier level
// invalid except where docs/courier-semantics.md section 6 relaxes them. The courier level's own
// rules are written once, in src/validate: the oracle holds no second copy to compare them with
// (tests/oracle/validate_dom.hpp says why). Neither side may crash, leak or hit undefined
// behaviour (run under ASan + UBSan).
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
  const caw::Report dom_schema = caw::oracle::validate_text_dom(text, caw::Level::Schema, limits);
  for (caw::Level level : {caw::Level::Schema, caw::Level::Courier}) {
    const caw::Report fast = caw::validate_text(text, level, limits);
    const caw::Report dom =
        level == caw::Level::Schema ? dom_schema : caw::oracle::validate_text_dom(text, level, limits);
    if (caw::oracle::comparable(fast, level) != caw::oracle::comparable(dom, level)) std::abort();
    if (level == caw::Level::Courier && !caw::oracle::courier_keeps_schema_errors(dom_schema, fast)) std::abort();
  }
  return 0;
}
