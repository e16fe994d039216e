#include "api/normalize.hpp"

#include "json/parse_text.hpp"
#include "model/codec.hpp"
#include "validate/validate.hpp"

namespace caw {

NormalizeResult normalize(std::string_view text, const NormalizeOptions& options) {
  NormalizeResult result;
  // The validator's reading of the text (syntax, limits, the field table's rules) decides; the
  // model is built only from text it found well formed and well shaped.
  facts::Facts work;
  validate_text(text, Level::Courier, options.limits, work, result.report, Scope::Shape);
  if (!result.report.valid()) return result;
  ParsedText parsed = parse_text(text, options.limits);
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
