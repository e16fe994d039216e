#include "api/normalize.hpp"

#include "json/parse_text.hpp"
#include "model/codec.hpp"
#include "schema/check.hpp"

namespace caw {

NormalizeResult normalize(std::string_view text, const NormalizeOptions& options) {
  NormalizeResult result;
  ParsedText parsed = parse_text(text, options.limits);
  result.report = std::move(parsed.problems);
  if (!parsed.ok) return result;

  check_request_shape(parsed.value, Level::Courier, options.limits, result.report);
  result.report.locate_in(text);
  if (!result.report.valid()) return result;

  const model::AdHocRequest request = model::request_from_json(parsed.value);
  result.output = model::request_to_text(request, options.indent);
  result.ok = true;
  return result;
}

}  // namespace caw
