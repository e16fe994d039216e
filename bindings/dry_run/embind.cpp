// The ergonomic, low-frequency API, through Embind. Hot paths use the plain C exports
// (see exports.txt). Nothing here throws: every result is a value.
#include <emscripten/bind.h>

#include <string>

#include "api/normalize.hpp"
#include "caw/version.hpp"
#include "json/dump.hpp"

namespace {

struct NormalizeOutcome {
  bool ok = false;
  std::string output;  // canonical JSON when ok
  std::string report;  // the report as JSON text (the JS layer parses it once)
};

NormalizeOutcome normalize_text(const std::string& text, int indent) {
  caw::NormalizeOptions options;
  options.indent = indent < 0 ? -1 : (indent > 16 ? 16 : indent);
  caw::NormalizeResult r = caw::normalize(text, options);
  return NormalizeOutcome{r.ok, std::move(r.output), caw::dump_json(r.report.to_json())};
}

std::string version() {
  return caw::kVersion;
}

}  // namespace

EMSCRIPTEN_BINDINGS(courier_automations) {
  emscripten::value_object<NormalizeOutcome>("NormalizeOutcome")
      .field("ok", &NormalizeOutcome::ok)
      .field("output", &NormalizeOutcome::output)
      .field("report", &NormalizeOutcome::report);
  emscripten::function("normalize", &normalize_text);
  emscripten::function("version", &version);
}
