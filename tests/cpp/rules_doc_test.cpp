// docs/rules.md and the code registry (src/validate/codes.cpp) list the same codes with the
// same severity and level. (That every emitted code is registered is checked by every
// validate test through expect_registered.)
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <sstream>
#include <string>

#include "test_util.hpp"
#include "validate/codes.hpp"

namespace {

struct Row {
  std::string severity;
  std::string level;
};

std::map<std::string, Row> documented() {
  const std::string doc = caw::test::read_file(std::string(CAW_FIXTURES_DIR) + "/../../docs/rules.md");
  std::map<std::string, Row> rows;
  std::istringstream in(doc);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("| `", 0) != 0) continue;
    std::vector<std::string> cells;
    std::string cell;
    std::istringstream cs(line.substr(1));
    while (std::getline(cs, cell, '|')) {
      const auto b = cell.find_first_not_of(' ');
      const auto e = cell.find_last_not_of(' ');
      cells.push_back(b == std::string::npos ? "" : cell.substr(b, e - b + 1));
    }
    if (cells.size() < 3) continue;
    const std::string code = cells[0].substr(1, cells[0].size() - 2);  // strip backticks
    EXPECT_EQ(rows.count(code), 0u) << "documented twice: " << code;
    rows[code] = Row{cells[1], cells[2]};
  }
  return rows;
}

TEST(RulesDoc, EveryRegisteredCodeIsDocumentedAndViceVersa) {
  const auto rows = documented();
  ASSERT_FALSE(rows.empty());
  for (std::size_t i = 0; i < caw::codes::count(); ++i) {
    const caw::codes::CodeInfo& c = caw::codes::all()[i];
    auto it = rows.find(std::string(c.code));
    ASSERT_NE(it, rows.end()) << "registered but not in docs/rules.md: " << c.code;
    EXPECT_EQ(it->second.severity, c.severity == caw::Severity::Error ? "error" : "warning") << c.code;
    EXPECT_EQ(it->second.level, std::string(caw::level_name(c.level))) << c.code;
  }
  for (const auto& [code, row] : rows) {
    EXPECT_NE(caw::codes::find(code), nullptr) << "documented but not registered: " << code;
  }
}

}  // namespace

namespace {

// Every literal code in the core's sources (report.error("x", ...), .warning("x", ...),
// p.code = "x") is registered: a new code cannot ship undocumented.
TEST(RulesDoc, EveryCodeWrittenInTheSourcesIsRegistered) {
  const std::filesystem::path src = std::filesystem::path(CAW_FIXTURES_DIR) / ".." / ".." / "src";
  int seen = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(src)) {
    if (e.path().extension() != ".cpp") continue;
    const std::string text = caw::test::read_file(e.path());
    for (const std::string opener : {"error(\"", "warning(\"", "? \"", ": \""}) {
      for (std::size_t at = text.find(opener); at != std::string::npos; at = text.find(opener, at + 1)) {
        const std::size_t b = at + opener.size();
        const std::size_t end = text.find('"', b);
        const std::string code = text.substr(b, end - b);
        const bool looks_like_code = code.find('.') != std::string::npos && code.find(' ') == std::string::npos &&
                                     code.find('/') == std::string::npos && !code.empty() && code[0] >= 'a' &&
                                     code[0] <= 'z';
        if (!looks_like_code) continue;
        ++seen;
        EXPECT_NE(caw::codes::find(code), nullptr) << "unregistered code " << code << " in " << e.path();
      }
    }
  }
  EXPECT_GT(seen, 20);
}

}  // namespace
