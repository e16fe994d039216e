#include <gtest/gtest.h>

#include <string>

#include "api/normalize.hpp"
#include "json/dump.hpp"

namespace {

const caw::Problem& first_error(const caw::NormalizeResult& r) {
  return r.report.errors().front();
}

TEST(MalformedInput, TruncatedJsonIsLocated) {
  auto r = caw::normalize("{\n  \"automation\": {\"steps\": [");
  ASSERT_FALSE(r.ok);
  ASSERT_EQ(r.report.errors().size(), 1u);
  EXPECT_EQ(first_error(r).code, "json.syntax");
  EXPECT_EQ(first_error(r).path, "/automation/steps/0");
  ASSERT_TRUE(first_error(r).line.has_value());
  EXPECT_EQ(*first_error(r).line, 2u);
}

TEST(MalformedInput, WrongTypesHavePointers) {
  auto r = caw::normalize(R"({"automation": {"steps": [{"action": "delay", "duration": 5}]}, "data": "x"})");
  ASSERT_FALSE(r.ok);
  ASSERT_EQ(r.report.errors().size(), 2u);
  std::vector<std::string> paths;
  for (const auto& p : r.report.errors()) {
    EXPECT_EQ(p.code, "schema.type");
    paths.push_back(p.path);
  }
  EXPECT_NE(std::find(paths.begin(), paths.end(), "/automation/steps/0/duration"), paths.end());
  EXPECT_NE(std::find(paths.begin(), paths.end(), "/data"), paths.end());
}

TEST(MalformedInput, StepThatIsAString) {
  auto r = caw::normalize("{\"automation\": {\"steps\": [\n  \"send\"\n]}}");
  ASSERT_FALSE(r.ok);
  EXPECT_EQ(first_error(r).code, "schema.type");
  EXPECT_EQ(first_error(r).path, "/automation/steps/0");
  EXPECT_EQ(*first_error(r).line, 2u);
  EXPECT_EQ(*first_error(r).column, 3u);
}

TEST(MalformedInput, MissingAutomationAndUnknownAction) {
  auto r = caw::normalize(R"({"recipient": "x"})");
  ASSERT_FALSE(r.ok);
  EXPECT_EQ(first_error(r).code, "schema.required");
  EXPECT_EQ(first_error(r).path, "/automation");

  auto u = caw::normalize(R"({"automation": {"steps": [{"action": "sned", "template": "T"}]}})");
  ASSERT_FALSE(u.ok);
  EXPECT_EQ(first_error(u).code, "step.action.unknown");
  EXPECT_EQ(first_error(u).hint, "use \"send\"");
}

TEST(MalformedInput, DeepNestingIsALimitNotAStackOverflow) {
  std::string deep =
      "{\"automation\":{\"steps\":[],\"x\":" + std::string(100000, '[') + std::string(100000, ']') + "}}";
  auto r = caw::normalize(deep);
  ASSERT_FALSE(r.ok);
  EXPECT_EQ(first_error(r).code, "limit.depth");
}

TEST(MalformedInput, InvalidUtf8) {
  auto r = caw::normalize("{\"automation\":{\"steps\":[]},\"recipient\":\"\xff\xfe\"}");
  ASSERT_FALSE(r.ok);
  EXPECT_EQ(first_error(r).code, "json.utf8");
  // The report itself must still serialize (the bad bytes may appear in the message).
  EXPECT_FALSE(caw::dump_json(r.report.to_json()).empty());
}

TEST(MalformedInput, DuplicateKeysWarnAndLastWins) {
  auto r = caw::normalize(R"({"automation":{"steps":[]},"recipient":"a","recipient":"b"})");
  ASSERT_TRUE(r.ok);
  ASSERT_EQ(r.report.warnings().size(), 1u);
  EXPECT_EQ(r.report.warnings()[0].code, "json.duplicate_key");
  EXPECT_EQ(r.report.warnings()[0].path, "/recipient");
  EXPECT_NE(r.output.find("\"recipient\":\"b\""), std::string::npos);
}

TEST(MalformedInput, EmptyAndGarbage) {
  for (const char* text : {"", " ", "nul", "[]", "42", "\"x\"", "{", "}", "{\"automation\":}", "\x00"}) {
    auto r = caw::normalize(text);
    EXPECT_FALSE(r.ok) << text;
    EXPECT_FALSE(r.report.errors().empty()) << text;
  }
}

}  // namespace
