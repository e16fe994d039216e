// libFuzzer target: the model round trip. For any input text:
//  - parsing never crashes (limits turn into problems);
//  - when the text parses, from_json -> to_json is lossless (same JSON value back);
//  - when normalize accepts it, its output is a fixed point (normalize(normalize(x)) ==
//    normalize(x)) and means the same as the input (equal JSON values, key order aside).
// A property violation aborts, which libFuzzer reports as a crash with the input saved.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "api/normalize.hpp"
#include "json/parse_text.hpp"
#include "model/codec.hpp"
#include "validate/validate.hpp"

namespace {

[[noreturn]] void fail(const char* what, const std::string& detail) {
  std::fprintf(stderr, "fuzz_model_roundtrip: %s\n%s\n", what, detail.c_str());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  const caw::ParsedText parsed = caw::parse_text(text);
  if (parsed.ok && parsed.value.is_object()) {
    const caw::model::AdHocRequest request = caw::model::request_from_json(parsed.value);
    const nlohmann::json back = nlohmann::json::parse(caw::model::request_to_json(request).dump(), nullptr, false);
    if (back != parsed.value) fail("from_json -> to_json is not lossless", back.dump());
  }

  const caw::NormalizeResult first = caw::normalize(text);
  // The validator on the same input must not crash either (its own targets check it in depth).
  (void)caw::validate_text(text, caw::Level::Courier);
  if (!first.ok) return 0;
  if (!parsed.ok) fail("normalize accepted text that parse_text refused", first.output);
  const caw::NormalizeResult second = caw::normalize(first.output);
  if (!second.ok) fail("normalize refused its own output", first.output + "\n" + second.report.to_json().dump());
  if (second.output != first.output) fail("normalize output is not a fixed point", first.output + "\n" + second.output);
  const caw::ParsedText canonical = caw::parse_text(first.output);
  if (!canonical.ok || canonical.value != parsed.value) fail("normalize changed the meaning", first.output);

  caw::NormalizeOptions pretty;
  pretty.indent = 2;
  const caw::NormalizeResult indented = caw::normalize(text, pretty);
  if (!indented.ok) fail("indent changed the verdict", first.output);
  const caw::NormalizeResult compacted = caw::normalize(indented.output);
  if (!compacted.ok || compacted.output != first.output) fail("pretty output does not normalize back", indented.output);
  return 0;
}
