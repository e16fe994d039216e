#include "validate_dom.hpp"

#include "check.hpp"
#include "json/parse_text.hpp"
#include "rules/oracle_rules.hpp"
#include "validate/validate.hpp"

namespace caw::oracle {

Report validate_text_dom(std::string_view text, Level level, const Limits& limits) {
  ParsedText parsed = parse_text(text, limits);
  Report report = std::move(parsed.problems);
  if (parsed.ok) {
    check_request_shape(parsed.value, level, limits, report);
    if (level == Level::Courier) rules::check_run(parsed.value, report);
  }
  report.locate_in(text);
  canonical_order(report);
  return report;
}

std::string comparable(Report report) {
  // In malformed text a repeated key may have no value, or a broken one, to point at: where the
  // warning about it is placed is each parser's own detail.
  const bool malformed = !report.errors().empty() &&
                         (report.errors().front().code == "json.syntax" || report.errors().front().code == "json.utf8");
  for (auto* list : {&report.errors(), &report.warnings()}) {
    for (Problem& p : *list) {
      if (p.code.rfind("limit.", 0) == 0 || (malformed && p.code == "json.duplicate_key")) {
        // The validator places a limit at the offending string or container itself; the DOM
        // oracle at the value its pointer names, which for a key is the enclosing one.
        p.line.reset();
        p.column.reset();
      }
      if (p.code != "json.syntax" && p.code != "json.utf8") continue;
      // Text that is not well-formed JSON for two reasons: which one a parser meets first is its
      // own detail (nlohmann's lexer reads a whole token before its parser sees it is misplaced).
      p.code = "json.syntax";
      p.path.clear();
      p.message.clear();
      p.hint.clear();
      p.line.reset();
      p.column.reset();
    }
  }
  return report.to_json_text();
}

}  // namespace caw::oracle
