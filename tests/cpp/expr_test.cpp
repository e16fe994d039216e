#include <gtest/gtest.h>

#include "expr/expr.hpp"

namespace {

using caw::expr::evaluate;
using caw::expr::parse;
using caw::expr::parse_path;
using caw::expr::Scope;
using caw::expr::truthy;
using json = nlohmann::json;

struct Ctx {
  json data = {{"foo", "send-it"}, {"n", 3}, {"user", {{"plan", "pro"}, {"tags", {"a", "b"}}}}, {"s", "10"}};
  json profile = {{"x", true}, {"tenant_id", "abc"}};
  json refs = {{"outreach", {{"status", 2}}}};
  json recipient = "user-1";
  Scope scope() const {
    Scope s;
    s.data = &data;
    s.profile = &profile;
    s.refs = &refs;
    s.recipient = &recipient;
    return s;
  }
};

bool eval(const std::string& text) {
  Ctx c;
  auto p = parse(text);
  EXPECT_TRUE(p.ok) << text << ": " << p.error.message;
  return truthy(evaluate(p.expression, c.scope()).value);
}

TEST(Expr, DocumentedExamples) {
  EXPECT_TRUE(eval("data.foo === 'send-it'"));
  EXPECT_FALSE(eval("data.foo === \"other\""));
  EXPECT_TRUE(eval("refs.outreach.status < MessageStatus.Opened"));
  EXPECT_FALSE(eval("refs.outreach.status >= MessageStatus.Delivered"));
}

TEST(Expr, MemberAccessOperatorsAndLiterals) {
  EXPECT_TRUE(eval("data.user.plan == 'pro' && profile[\"x\"]"));
  EXPECT_TRUE(eval("data.user.tags[1] === 'b' && data.user.tags.length === 2"));
  EXPECT_TRUE(eval("!(data.n > 5) || false"));
  EXPECT_TRUE(eval("data.missing === undefined && data.missing == null && data.missing !== null"));
  EXPECT_TRUE(eval("data.s == 10 && data.s !== 10 && data.s > 9 && '10' < '9'"));
  EXPECT_TRUE(eval("recipient === 'user-1' && brand === undefined && !template"));
  EXPECT_TRUE(eval("data.n <= 3 && data.n >= 3 && data.n != 4 && 1.5e1 === 15"));
  EXPECT_TRUE(eval("data.missing.deeper === undefined"));
}

TEST(Expr, OutsideTheSubsetIsALocatedError) {
  struct Case {
    const char* text;
    std::size_t offset;
  };
  for (const Case& c : {Case{"data.a + 1", 7}, Case{"alert(1)", 0}, Case{"data.f()", 6}, Case{"data.a = 1", 7},
                        Case{"data.a ===", 10}, Case{"(data.a", 7}, Case{"'abc", 0}, Case{"data.a ? 1 : 2", 7}}) {
    auto p = parse(c.text);
    EXPECT_FALSE(p.ok) << c.text;
    EXPECT_EQ(p.error.offset, c.offset) << c.text << ": " << p.error.message;
    EXPECT_FALSE(p.error.message.empty());
  }
}

TEST(Expr, LengthAndDepthAreBounded) {
  caw::Limits limits;
  std::string deep(10000, '(');
  deep += "true";
  deep += std::string(10000, ')');
  auto p = parse(deep, limits);
  EXPECT_FALSE(p.ok);
  limits.max_expression_bytes = 100000;
  p = parse(deep, limits);
  EXPECT_FALSE(p.ok);
  EXPECT_NE(p.error.message.find("deeper"), std::string::npos);
  std::string nots(5000, '!');
  EXPECT_FALSE(parse(nots + "true", limits).ok);
  std::string chain = "data";
  for (int i = 0; i < 5000; ++i) chain += ".a";
  EXPECT_FALSE(parse(chain, limits).ok);
  EXPECT_TRUE(parse("((((data.a))))").ok);
}

TEST(Expr, AccessorPaths) {
  Ctx c;
  auto p = parse_path("data.user.plan");
  ASSERT_TRUE(p.ok);
  EXPECT_EQ(evaluate(p.expression, c.scope()).value.string, "pro");
  p = parse_path("data.user.tags[0]");
  ASSERT_TRUE(p.ok);
  EXPECT_EQ(evaluate(p.expression, c.scope()).value.string, "a");
  p = parse_path("refs.outreach.status");
  ASSERT_TRUE(p.ok);
  EXPECT_EQ(evaluate(p.expression, c.scope()).value.number, 2);
  EXPECT_FALSE(parse_path("data.a === 1").ok);
  EXPECT_FALSE(parse_path("MessageStatus.Sent").ok);
  EXPECT_FALSE(parse_path("window.x").ok);
}

}  // namespace
