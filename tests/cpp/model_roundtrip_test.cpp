#include <gtest/gtest.h>

#include "api/normalize.hpp"
#include "json/parse_text.hpp"
#include "model/codec.hpp"
#include "test_util.hpp"

namespace {

using caw::model::request_from_json;
using caw::model::request_to_json;

// parse -> serialize -> parse is stable, and the canonical form is a fixed point.
void expect_round_trip(const std::string& text, const std::string& name) {
  auto first = caw::normalize(text);
  ASSERT_TRUE(first.ok) << name << ": " << first.report.to_json().dump();
  auto second = caw::normalize(first.output);
  ASSERT_TRUE(second.ok) << name;
  EXPECT_EQ(first.output, second.output) << name;
  // Same data as the input, whatever the key order: nothing lost, nothing invented.
  auto original = caw::parse_text(text);
  auto canonical = caw::parse_text(first.output);
  ASSERT_TRUE(original.ok && canonical.ok);
  EXPECT_EQ(original.value, canonical.value) << name;
}

TEST(ModelRoundTrip, EveryValidFixture) {
  const auto files = caw::test::fixtures("valid");
  ASSERT_GE(files.size(), 4u);
  for (const auto& f : files) expect_round_trip(caw::test::read_file(f), f.filename().string());
}

TEST(ModelRoundTrip, SeedExampleCanonicalForm) {
  auto r = caw::normalize(caw::test::read_file(std::filesystem::path(CAW_FIXTURES_DIR) / "valid/seed-example.json"));
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(r.output,
            R"({"automation":{"cancelation_token":"delay-send--user-yes--abc-123","steps":[{"action":"delay",)"
            R"("until":"2024-04-08T08:09:10.123"},{"action":"send","template":"64TP5HKPFTM8VTK1Y75SJDQX9JK0"}]},)"
            R"("data":{"name":"Foo"},"profile":{"tenant_id":"abc-123"},"recipient":"user-yes"})");
}

TEST(ModelRoundTrip, TypedFieldsAreRead) {
  auto parsed =
      caw::parse_text(caw::test::read_file(std::filesystem::path(CAW_FIXTURES_DIR) / "valid/every-step.json"));
  ASSERT_TRUE(parsed.ok);
  const auto req = request_from_json(parsed.value);
  ASSERT_EQ(req.automation.steps.size(), 10u);
  EXPECT_TRUE(req.brand.is_null());
  EXPECT_EQ(*caw::model::literal(req.recipient), "user-1");
  const auto& delay = std::get<caw::model::DelayStep>(req.automation.steps[0].body);
  EXPECT_EQ(*caw::model::literal(delay.duration), "2 days");
  EXPECT_EQ(*caw::model::literal(req.automation.steps[0].ref), "wait");
  const auto& alias = std::get<caw::model::DelayStep>(req.automation.steps[2].body);
  EXPECT_EQ(*caw::model::literal(alias.delay_for), "1 hour");
  const auto& send = std::get<caw::model::SendStep>(req.automation.steps[3].body);
  const auto* acc = std::get_if<caw::model::Accessor>(send.recipient.get());
  ASSERT_NE(acc, nullptr);
  EXPECT_EQ(acc->path, "data.user.id");
  const auto& fetch = std::get<caw::model::FetchDataStep>(req.automation.steps[6].body);
  ASSERT_TRUE(fetch.webhook.has_value());
  EXPECT_EQ(*caw::model::literal(fetch.webhook->method), "POST");
  const auto& invoke = std::get<caw::model::InvokeStep>(req.automation.steps[7].body);
  EXPECT_EQ((*invoke.context)["data"]["from"], "parent");
}

TEST(ModelRoundTrip, UnknownAndMistypedValuesAreKept) {
  const std::string text =
      R"({"automation":{"steps":[{"action":"teleport","where":"moon"},{"action":"send","override":5,"recipient":7}]},"x":1})";
  auto parsed = caw::parse_text(text);
  ASSERT_TRUE(parsed.ok);
  const auto req = request_from_json(parsed.value);
  auto back = caw::parse_text(request_to_json(req).dump());
  ASSERT_TRUE(back.ok);
  EXPECT_EQ(back.value, parsed.value);
}

}  // namespace

namespace {

// The canonical writer formats exactly like nlohmann's dump(indent) of the same ordered value.
TEST(ModelRoundTrip, PrettyOutputMatchesNlohmannFormatting) {
  std::vector<std::string> texts;
  for (const auto& f : caw::test::fixtures("valid")) texts.push_back(caw::test::read_file(f));
  texts.push_back(R"({"automation":{"steps":[]},"data":{},"profile":{"a":[],"b":{"c":[1,{}]}},"x":[[]]})");
  for (const std::string& text : texts) {
    caw::NormalizeOptions compact;
    auto c = caw::normalize(text, compact);
    ASSERT_TRUE(c.ok) << text;
    const auto ordered = nlohmann::ordered_json::parse(c.output);
    EXPECT_EQ(c.output, ordered.dump()) << text;
    for (int indent : {0, 2, 4}) {
      caw::NormalizeOptions pretty;
      pretty.indent = indent;
      auto p = caw::normalize(text, pretty);
      ASSERT_TRUE(p.ok);
      EXPECT_EQ(p.output, ordered.dump(indent)) << text << " indent " << indent;
    }
  }
}

}  // namespace
