#pragma once
#include <gtest/gtest.h>

#include <string>

#include "json/dump.hpp"
#include "report/problem.hpp"
#include "test_util.hpp"
#include "validate/codes.hpp"
#include "validate/validate.hpp"
#include "validate_dom.hpp"

namespace caw::test {

inline std::string dump(const Report& r) {
  return dump_json(r.to_json());
}

// What the validator and the DOM oracle must agree on at `level` (tests/oracle/validate_dom.hpp:
// everything at the schema level; the parser's and the limits' problems at the courier level).
inline std::string comparable(const Report& r, Level level = Level::Schema) {
  return oracle::comparable(r, level);
}

inline const Problem* find_problem(const Report& r, std::string_view code, std::string_view path = {}) {
  for (const auto* list : {&r.errors(), &r.warnings()}) {
    for (const Problem& p : *list) {
      if (p.code == code && (path.empty() || p.path == path)) return &p;
    }
  }
  return nullptr;
}

// Every code a report carries must be registered, with the registered severity.
inline void expect_registered(const Report& r) {
  for (const auto* list : {&r.errors(), &r.warnings()}) {
    for (const Problem& p : *list) {
      const codes::CodeInfo* info = codes::find(p.code);
      ASSERT_NE(info, nullptr) << "unregistered code " << p.code;
      EXPECT_EQ(info->severity, p.severity) << p.code;
    }
  }
}

// 1-based line and column (code points) of the first occurrence of `marker` in `text`.
inline std::pair<std::uint32_t, std::uint32_t> where(std::string_view text, std::string_view marker) {
  const std::size_t at = text.find(marker);
  std::uint32_t line = 1, column = 1;
  for (std::size_t i = 0; i < at && i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++line;
      column = 1;
    } else if ((c & 0xC0) != 0x80) {
      ++column;
    }
  }
  return {line, column};
}

}  // namespace caw::test
