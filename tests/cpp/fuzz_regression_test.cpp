// Crashes and property violations found by the fuzz targets (tests/fuzz/), each kept as a
// GoogleTest here and as an input in the target's corpus (replayed by ctest as fuzz_replay.*).
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "json/parse_text.hpp"
#include "model/codec.hpp"
#include "validate/validate.hpp"

namespace {

nlohmann::json round_trip(const std::string& text) {
  const caw::ParsedText parsed = caw::parse_text(text);
  EXPECT_TRUE(parsed.ok) << text;
  return nlohmann::json::parse(caw::model::request_to_json(caw::model::request_from_json(parsed.value)).dump(), nullptr,
                               false);
}

// fuzz_model_roundtrip, corpus/model_roundtrip/invalid-schema.type.json and wrong-types: a step
// that is not an object came back as {"action": ""}.
TEST(FuzzRegression, ModelRoundTripKeepsStepsThatAreNotObjects) {
  for (
      const std::string text : {
          R"({"automation":{"steps":["send"]}})",
          R"({"automation":{"steps":[1,"x",null,true,[],{"action":5},{"action":"delay","duration":3,"until":[]}]}})",
          R"({"recipient":5,"brand":[],"data":"x","profile":1,"template":{},"automation":{"cancelation_token":7,"steps":[[{"action":"send"}]]}})",
      }) {
    EXPECT_EQ(round_trip(text), caw::parse_text(text).value) << text;
  }
}

// fuzz_model_roundtrip (CI), corpus/model_roundtrip/regression-step-without-action: a step
// object with no "action" came back with "action": "" added; likewise a missing "automation"
// or "steps".
TEST(FuzzRegression, ModelRoundTripDoesNotInventAnAction) {
  for (const std::string text : {
           R"({"automation":{"steps":[{"action":"send","ref":"a"},{"acpion":"send","ref":"a"}]},"recipient":"u"})",
           R"({"automation":{"steps":[{},{"action":""},{"ref":"x"}]}})",
           // corpus/model_roundtrip/regression-no-automation-key: "automation" and "steps" were invented
           R"({"au]omation":{"steps":[]},"recipient":"u"})",
           R"({"automation":{"cancelation_token":"t"}})",
           R"({})",
       }) {
    EXPECT_EQ(round_trip(text), caw::parse_text(text).value) << text;
  }
}

// tests/js/reliability/deep-nesting.test.js: validate() of a 100,000-deep array took 10 s in
// wasm. Locating the limit.depth problem hashed the whole path (200 KB) at every level of the
// text: quadratic. A million levels must now take a linear walk.
TEST(FuzzRegression, LocatingAProblemInDeepTextIsLinear) {
  const std::string deep = std::string(1000000, '[') + std::string(1000000, ']');
  const auto start = std::chrono::steady_clock::now();
  const caw::Report r = caw::validate_text(deep);
  const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_FALSE(r.valid());
  EXPECT_EQ(r.errors().front().code, "limit.depth");
  EXPECT_TRUE(r.errors().front().line.has_value());
  EXPECT_LT(seconds, 5.0);
}

}  // namespace
