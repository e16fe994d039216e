#include "validate/validate.hpp"

#include <algorithm>
#include <vector>

#include "json/locate.hpp"
#include "util/sort.hpp"
#include "validate/judge.hpp"
#include "validate/scan.hpp"

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

void canonical_order(std::vector<Problem>& list) {
  std::vector<std::uint32_t> order(list.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  sort_indices(
      order,
      [](const void* context, std::uint32_t a, std::uint32_t b) {
        const Problem* p = static_cast<const Problem*>(context);
        if (problem_less(p[a], p[b])) return true;
        return !problem_less(p[b], p[a]) && a < b;  // equal: keep their order
      },
      list.data());
  std::vector<Problem> sorted;
  sorted.reserve(list.size());
  for (std::uint32_t i : order) sorted.push_back(std::move(list[i]));
  list = std::move(sorted);
}

}  // namespace

void canonical_order(Report& report) {
  canonical_order(report.errors());
  canonical_order(report.warnings());
}

void locate_offsets(Report& report, std::string_view text) {
  std::vector<Problem*> located;
  for (auto* list : {&report.errors(), &report.warnings()}) {
    for (Problem& p : *list) {
      if (p.offset) located.push_back(&p);
    }
  }
  if (located.empty()) return;
  std::vector<std::uint32_t> order(located.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  sort_indices(
      order,
      [](const void* context, std::uint32_t a, std::uint32_t b) {
        const auto* p = static_cast<Problem* const*>(context);
        return *p[a]->offset != *p[b]->offset ? *p[a]->offset < *p[b]->offset : a < b;
      },
      located.data());
  std::uint32_t line = 1;
  std::uint32_t column = 1;
  std::size_t i = bom_length(text);
  for (std::uint32_t k : order) {
    Problem* p = located[k];
    const std::size_t end = std::min<std::size_t>(*p->offset, text.size());
    for (; i < end; ++i) {
      const auto c = static_cast<unsigned char>(text[i]);
      if (c == '\n') {
        ++line;
        column = 1;
      } else if ((c & 0xC0) != 0x80) {
        ++column;  // columns count code points: continuation bytes do not move them
      }
    }
    p->line = line;
    p->column = column;
  }
}

void validate_text(std::string_view text, Level level, const Limits& limits, facts::Facts& work, Report& report,
                   Scope scope) {
  scan(text, limits, work, report);
  if (work.complete) {
    Judge judge(work, level, limits, report, scope == Scope::All);
    if (scope == Scope::All) {
      judge.run();
    } else {
      check_shape(judge);
    }
  }
  canonical_order(report);
  locate_offsets(report, text);
}

Report validate_text(std::string_view text, Level level, const Limits& limits) {
  facts::Facts work;
  Report report;
  validate_text(text, level, limits, work, report);
  return report;
}

}  // namespace caw
