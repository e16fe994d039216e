#include "validate_dom.hpp"

#include <string>
#include <vector>

#include "check.hpp"
#include "json/parse_text.hpp"
#include "validate/validate.hpp"

namespace caw::oracle {

Report validate_text_dom(std::string_view text, Level level, const Limits& limits) {
  ParsedText parsed = parse_text(text, limits);
  Report report = std::move(parsed.problems);
  if (parsed.ok) {
    // The field table only: the courier level's own rules are written once, in src/validate, and
    // the differential tests compare the courier level only where this oracle is independent of
    // them (see comparable()).
    check_request_shape(parsed.value, level, limits, report);
  }
  report.locate_in(text);
  canonical_order(report);
  return report;
}

namespace {

bool parser_or_limit(const Problem& p) {
  return p.code.rfind("json.", 0) == 0 || p.code.rfind("limit.", 0) == 0;
}

bool ends_with(std::string_view s, std::string_view tail) {
  return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

// A schema-level error the courier level may drop (section 6's "the OpenAPI is stricter than the
// engine" and "the two contradict" cases), recognized by where it is and what it says.
bool relaxed_at_courier(const Problem& p) {
  if (ends_with(p.path, "/method") || ends_with(p.path, "/body") || ends_with(p.path, "/merge_strategy")) return true;
  if (p.path.find("/headers/") != std::string::npos) return true;
  // The deprecated alias "cancelationToken" stands in for it (a warning at the courier level).
  if (p.code == "schema.required" && ends_with(p.path, "/cancelation_token")) return true;
  if (p.message.find("engine extension") != std::string::npos) return true;  // an accessor
  return p.code == "step.action.unknown" && p.message.find("\"subscribe\"") != std::string::npos;
}

}  // namespace

bool courier_keeps_schema_errors(const Report& oracle_schema, const Report& courier) {
  for (const Problem& p : oracle_schema.errors()) {
    if (!relaxed_at_courier(p)) return !courier.valid();
  }
  return true;
}

std::string comparable(Report report, Level level) {
  // In malformed text a repeated key may have no value, or a broken one, to point at: where the
  // warning about it is placed is each parser's own detail.
  const bool malformed = !report.errors().empty() &&
                         (report.errors().front().code == "json.syntax" || report.errors().front().code == "json.utf8");
  for (auto* list : {&report.errors(), &report.warnings()}) {
    if (level == Level::Courier) {
      std::vector<Problem> kept;
      for (Problem& p : *list) {
        if (parser_or_limit(p)) kept.push_back(std::move(p));
      }
      *list = std::move(kept);
    }
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
