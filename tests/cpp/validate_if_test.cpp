// `if` expressions: Courier runs them as JavaScript, so the validator (which says what Courier
// does) never judges them; the dry run, which evaluates only a safe subset, warns about the rest.
#include <gtest/gtest.h>

#include "simulate/validate_request.hpp"
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
    const caw::Report r = caw::validate_text(text);
    EXPECT_TRUE(r.valid()) << e;
    EXPECT_TRUE(r.warnings().empty()) << e << ": " << r.to_json_text();
    EXPECT_TRUE(caw::sim::validate_request(nlohmann::json::parse(text), {}).warnings().empty()) << e;
  }
}

TEST(ValidateIf, UnsupportedSyntaxIsADryRunWarningNotAValidatorOne) {
  for (const char* e : {"data.vip ? 1 : 0", "data.items.map(x => x)", "data.a +", "(data.a"}) {
    const std::string text = request_with_if(e);
    const caw::Report r = caw::validate_text(text);
    EXPECT_TRUE(r.valid()) << e;
    EXPECT_TRUE(r.warnings().empty()) << e << ": " << r.to_json_text();
    const caw::Report dry = caw::sim::validate_request(nlohmann::json::parse(text), {});
    EXPECT_TRUE(dry.valid()) << e;
    ASSERT_EQ(dry.warnings().size(), 1u) << e;
    EXPECT_EQ(dry.warnings()[0].code, "step.if.unsupported");
    EXPECT_EQ(dry.warnings()[0].path, "/automation/steps/0/if");
  }
}

}  // namespace
