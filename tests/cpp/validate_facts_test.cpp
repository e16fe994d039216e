// Facts the scanner keeps for the rules that need more than types: a boolean's or a number's
// truthiness (Courier's handler tests `override` with JavaScript truthiness), and the members one
// level inside a step field's value (closed shapes such as data_source.webhook).
#include <gtest/gtest.h>

#include <string>

#include "validate_test_util.hpp"

namespace {

std::string with_override(const std::string& value) {
  return R"({"recipient": "u", "override": )" + value +
         R"(, "automation": {"steps": [{"action": "send", "template": "T"}]}})";
}

TEST(ValidateFacts, AFalsyRequestOverrideIsIgnoredAsCourierIgnoresIt) {
  for (const char* falsy : {"false", "0", "-0", "0.0", "0e5", "null", R"("")"}) {
    const caw::Report r = caw::validate_text(with_override(falsy));
    EXPECT_EQ(caw::test::find_problem(r, "request.override"), nullptr) << falsy;
  }
  for (const char* truthy : {"true", "1", "-0.5", "1e-9", R"("x")", "{}", "[]"}) {
    const caw::Report r = caw::validate_text(with_override(truthy));
    EXPECT_NE(caw::test::find_problem(r, "request.override", "/override"), nullptr) << truthy;
  }
}

TEST(ValidateFacts, ClosedShapesReachIntoAStepFieldsObjectValues) {
  const std::string text = R"({"automation": {"steps": [{"action": "send-list", "list": "L", "template": "T",
    "data_source": {"merge_strategy": "replace", "webhook": {"url": "https://x.org/a", "bogus": 1}}}]}})";
  const caw::Report r = caw::validate_text(text);
  const caw::Problem* p =
      caw::test::find_problem(r, "step.property.unknown", "/automation/steps/0/data_source/webhook/bogus");
  ASSERT_NE(p, nullptr) << caw::test::dump(r);
  EXPECT_EQ(p->line, 2u);
}

}  // namespace
