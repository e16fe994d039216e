#include <gtest/gtest.h>

#include "validate/validate.hpp"

namespace {

std::string request_with_if(const std::string& expression) {
  return "{\"recipient\": \"u\", \"automation\": {\"steps\": [\n  {\"action\": \"send\", \"template\": \"T\", \"if\": "
         "\"" +
         expression + "\"}\n]}}";
}

TEST(ValidateIf, SupportedExpressionsAreClean) {
  for (const char* e :
       {"data.plan === 'pro'", "refs.outreach.status < MessageStatus.Opened", "!(profile.vip) || data.x != null"}) {
    const std::string text = request_with_if(e);
    const caw::Report fast = caw::validate_text(text);
    EXPECT_TRUE(fast.valid()) << e;
    EXPECT_TRUE(fast.warnings().empty()) << e << ": " << fast.to_json_text();
  }
}

TEST(ValidateIf, UnsupportedSyntaxIsALocatedWarningOnBothPaths) {
  for (const char* e : {"data.vip ? 1 : 0", "data.items.map(x => x)", "data.a +", "(data.a"}) {
    const std::string text = request_with_if(e);
    const caw::Report fast = caw::validate_text(text);
    const caw::Report dom = caw::validate_text_dom(text);
    EXPECT_TRUE(fast.valid()) << e;  // a warning: Courier may run it as JavaScript
    ASSERT_EQ(fast.warnings().size(), 1u) << e;
    const caw::Problem& w = fast.warnings()[0];
    EXPECT_EQ(w.code, "step.if.unsupported");
    EXPECT_EQ(w.path, "/automation/steps/0/if");
    EXPECT_EQ(w.line, 2u);
    EXPECT_EQ(fast.to_json_text(), dom.to_json_text()) << e;
    // validate_json (objects from JS) says the same, without positions.
    EXPECT_EQ(caw::validate_json(nlohmann::json::parse(text)).warnings().at(0).code, "step.if.unsupported");
  }
}

TEST(ValidateIf, SchemaLevelDoesNotJudgeExpressions) {
  EXPECT_TRUE(caw::validate_text(request_with_if("data.vip ? 1 : 0"), caw::Level::Schema).warnings().empty());
}

}  // namespace
