#include "validate/validate.hpp"

#include <algorithm>

#include "json/parse_text.hpp"
#include "schema/check.hpp"
#include "validate/rules/rules.hpp"
#include "validate/scanner.hpp"

namespace caw {

namespace {

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// JSON Pointers segment by segment; array indices numerically ("/steps/2" before "/steps/10").
int compare_pointers(std::string_view a, std::string_view b) {
  while (true) {
    if (a.empty() || b.empty()) return a.empty() && b.empty() ? 0 : (a.empty() ? -1 : 1);
    a.remove_prefix(1);  // the '/'
    b.remove_prefix(1);
    const std::size_t ea = std::min(a.find('/'), a.size());
    const std::size_t eb = std::min(b.find('/'), b.size());
    const std::string_view sa = a.substr(0, ea);
    const std::string_view sb = b.substr(0, eb);
    if (sa != sb) {
      if (all_digits(sa) && all_digits(sb) && sa.size() != sb.size()) return sa.size() < sb.size() ? -1 : 1;
      return sa < sb ? -1 : 1;
    }
    a.remove_prefix(ea);
    b.remove_prefix(eb);
  }
}

bool problem_less(const Problem& x, const Problem& y) {
  if (const int c = compare_pointers(x.path, y.path); c != 0) return c < 0;
  if (x.code != y.code) return x.code < y.code;
  return x.message < y.message;
}

void check_dom(const nlohmann::json& request, Level level, const Limits& limits, Report& report) {
  check_request_shape(request, level, limits, report);
  if (level == Level::Courier) rules::check_run(request, report);
}

}  // namespace

void canonical_order(Report& report) {
  std::stable_sort(report.errors().begin(), report.errors().end(), problem_less);
  std::stable_sort(report.warnings().begin(), report.warnings().end(), problem_less);
}

Report validate_json(const nlohmann::json& request, Level level, const Limits& limits) {
  Report report;
  check_dom(request, level, limits, report);
  canonical_order(report);
  return report;
}

Report validate_text_dom(std::string_view text, Level level, const Limits& limits) {
  ParsedText parsed = parse_text(text, limits);
  Report report = std::move(parsed.problems);
  if (parsed.ok) check_dom(parsed.value, level, limits, report);
  report.locate_in(text);
  canonical_order(report);
  return report;
}

Report validate_text(std::string_view text, Level level, const Limits& limits) {
  Report report;
  if (scan_request(text, level, limits, report) == ScanOutcome::Sure) {
    canonical_order(report);
    return report;
  }
  return validate_text_dom(text, level, limits);
}

}  // namespace caw
