#include "api/normalize.hpp"

#include <string>

#include "json/parse_text.hpp"
#include "model/codec.hpp"
#include "validate/validate.hpp"

namespace caw {

namespace {

// JSON.parse keeps the sign of `-0`; the parser reads an integer -0 as 0. Outside strings, each
// `-0` number becomes `-0.0` (a float keeps its sign), so the output says -0.0 where the input had
// -0: the same value for JSON.parse. Returns false when there is none (nothing copied).
bool negative_zeros_as_floats(std::string_view text, std::string& out) {
  if (text.find("-0") == std::string_view::npos) return false;
  bool changed = false;
  bool in_string = false;
  out.reserve(text.size() + 8);
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    out += c;
    if (in_string) {
      if (c == '\\' && i + 1 < text.size()) {
        out += text[++i];
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '-' && i + 1 < text.size() && text[i + 1] == '0') {
      const char next = i + 2 < text.size() ? text[i + 2] : ' ';
      if (next != '.' && next != 'e' && next != 'E' && (next < '0' || next > '9')) {
        out += "0.0";
        ++i;
        changed = true;
      }
    }
  }
  return changed;
}

}  // namespace

NormalizeResult normalize(std::string_view text, const NormalizeOptions& options) {
  NormalizeResult result;
  // The validator's reading of the text (syntax, limits, the field table's rules) decides; the
  // model is built only from text it found well formed and well shaped.
  facts::Facts work;
  validate_text(text, Level::Courier, options.limits, work, result.report, Scope::Shape);
  if (!result.report.valid()) return result;
  std::string signed_zeros;
  Limits read = options.limits;
  read.max_payload_bytes = static_cast<std::size_t>(-1);  // checked above on the caller's text; -0.0 adds bytes
  ParsedText parsed =
      parse_text(negative_zeros_as_floats(text, signed_zeros) ? std::string_view(signed_zeros) : text, read);
  if (!parsed.ok) {
    result.report = std::move(parsed.problems);
    return result;
  }

  const model::AdHocRequest request = model::request_from_json(parsed.value);
  result.output = model::request_to_text(request, options.indent);
  result.ok = true;
  return result;
}

}  // namespace caw
