#include "validate/validate_json.hpp"

#include "json/dump.hpp"
#include "validate/validate.hpp"

namespace caw {

Report validate_json(const nlohmann::json& request, Level level, const Limits& limits) {
  Limits unlimited_text = limits;
  // The value is already parsed: its text form may be longer than the payload limit allows.
  unlimited_text.max_payload_bytes = static_cast<std::size_t>(-1);
  Report report = validate_text(dump_json(request), level, unlimited_text);
  for (auto* list : {&report.errors(), &report.warnings()}) {
    for (Problem& p : *list) {
      p.line.reset();
      p.column.reset();
      p.offset.reset();
    }
  }
  return report;
}

}  // namespace caw
