#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "json/dump.hpp"
#include "json/parse_text.hpp"
#include "report/problem.hpp"

namespace {

TEST(ReportJsonText, SameValueAsToJsonIncludingEscapesAndBadUtf8) {
  caw::Report r;
  r.error("a.b", "/x~1y/0", "quote \" backslash \\ tab \t nl \n ctl \x01 zoë ✓ 𝄞", "hint");
  r.warning("c.d", "", "bad utf8 \xC3\x28 and \xFF end");
  r.errors().front().line = 3;
  r.errors().front().column = 7;
  const std::string text = r.to_json_text();
  const caw::ParsedText parsed = caw::parse_text(text);
  ASSERT_TRUE(parsed.ok) << text;
  EXPECT_EQ(caw::dump_json(parsed.value), caw::dump_json(r.to_json()));
  EXPECT_EQ(text.rfind("{\"valid\":false,\"errors\":[", 0), 0u);
  EXPECT_EQ(caw::Report{}.to_json_text(), R"({"valid":true,"errors":[],"warnings":[]})");
}

}  // namespace
