// The scenario read from its text (src/simulate/read_scenario.cpp): programs shared by identical
// steps bytes, problems located in the whole text, the summary trace's layout, options limits.
#include <gtest/gtest.h>

#include <string>

#include "api/normalize.hpp"
#include "json/parse_text.hpp"
#include "simulate/dry_run.hpp"
#include "simulate/scenario.hpp"

namespace {

using caw::sim::Options;
using caw::sim::read_scenario;

const std::string kBody =
    R"({"recipient":"u","template":"T","data":{"i":1},"automation":{"steps":[{"action":"delay","duration":"1 day"},{"action":"send"}]}})";

TEST(ReadScenario, IdenticalStepsBytesShareOneProgram) {
  const std::string text =
      R"({"invocations":[{"request":)" + kBody + R"(},{"request":)" + kBody +
      R"(},{"request":{"recipient":"v","template":"T","automation":{"steps":[{"action":"delay","duration":"1 day"},{"action":"send"}]}}}]})";
  caw::sim::ScenarioParse p = read_scenario(text, Options{});
  ASSERT_TRUE(p.ok());
  ASSERT_EQ(p.scenario.invocations.size(), 3u);
  EXPECT_EQ(p.scenario.invocations[0].spec.program.get(), p.scenario.invocations[1].spec.program.get());
  EXPECT_EQ(p.scenario.invocations[0].spec.program.get(), p.scenario.invocations[2].spec.program.get());
  EXPECT_EQ(p.scenario.invocations[0].spec.data, nlohmann::json({{"i", 1}}));
  EXPECT_EQ(p.scenario.invocations[2].spec.recipient, "v");
}

TEST(ReadScenario, ARequestProblemIsLocatedInTheWholeText) {
  const std::string text = "{\n  \"invocations\": [\n    {\"request\": " + kBody +
                           "},\n    {\"request\": {\"recipient\": \"u\", \"automation\": {\"steps\": [{\"action\": "
                           "\"sned\"}]}}}\n  ]\n}";
  caw::sim::ScenarioParse p = read_scenario(text, Options{});
  ASSERT_FALSE(p.ok());
  const caw::Problem& e = p.report.errors().front();
  EXPECT_EQ(e.path.rfind("/invocations/1/request/automation/steps/0", 0), 0u) << e.path;
  EXPECT_EQ(e.line, 4u);
  // Column of the offending value on line 4, in code points.
  const std::size_t line4 = text.find("    {\"request\": {\"recipient\": \"u\"");
  EXPECT_GT(*e.column, 30u);
  EXPECT_LT(*e.column, text.size() - line4);
}

TEST(ReadScenario, ADuplicateKeyInARequestIsReportedOnce) {
  const std::string text =
      R"({"invocations":[{"request":{"recipient":"a","recipient":"b","template":"T","automation":{"steps":[{"action":"send"}]}}}]})";
  caw::sim::ScenarioParse p = read_scenario(text, Options{});
  ASSERT_TRUE(p.ok());
  std::size_t dup = 0;
  for (const caw::Problem& w : p.report.warnings()) dup += w.code == "json.duplicate_key";
  EXPECT_EQ(dup, 1u);
  EXPECT_EQ(p.scenario.invocations[0].spec.recipient, "b");  // the last one wins, as in JSON.parse
}

TEST(ReadScenario, BareBodyWithBomEscapedKeysAndUnknownInvocationProperty) {
  caw::sim::ScenarioParse bare = read_scenario("\xEF\xBB\xBF" + kBody, Options{});
  ASSERT_TRUE(bare.ok());
  EXPECT_EQ(bare.scenario.invocations.size(), 1u);
  caw::sim::ScenarioParse escaped =
      read_scenario(R"({"invoc\u0061tions":[{"request":)" + kBody + R"(,"at":"2024-01-02T00:00:00Z"}]})", Options{});
  ASSERT_TRUE(escaped.ok());
  EXPECT_EQ(escaped.scenario.invocations[0].at, caw::sim::kDefaultNow + 86'400'000);
  caw::sim::ScenarioParse unknown =
      read_scenario(R"({"invocations":[{"request":)" + kBody + R"(,"x":1}, 5]})", Options{});
  ASSERT_EQ(unknown.report.errors().size(), 2u);
  EXPECT_EQ(unknown.report.errors()[0].path, "/invocations/0/x");
  EXPECT_EQ(unknown.report.errors()[1].path, "/invocations/1");
}

TEST(ReadScenario, MalformedScenarioTextIsOneLocatedSyntaxError) {
  caw::sim::ScenarioParse p = read_scenario("{\"invocations\":[{\"request\":" + kBody + "}\n,]}", Options{});
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.report.errors().front().code, "json.syntax");
  EXPECT_EQ(p.report.errors().front().line, 2u);
}

TEST(ReadScenario, SummaryLayoutPointsAtItsArrays) {
  caw::sim::DryRunOutcome out =
      caw::sim::dry_run(R"({"invocations":[{"request":)" + kBody + "}]}", R"({"detail":"summary"})");
  ASSERT_TRUE(out.ok) << out.text;
  const caw::sim::SummaryLayout& l = out.layout;
  auto runs = caw::parse_text(out.text.substr(l.runs_begin, l.runs_end - l.runs_begin));
  auto messages = caw::parse_text(out.text.substr(l.messages_begin, l.messages_end - l.messages_begin));
  ASSERT_TRUE(runs.ok && messages.ok);
  EXPECT_EQ(runs.value.size(), 1u);
  EXPECT_EQ(runs.value[0]["status"], "PROCESSED");
  EXPECT_FALSE(runs.value[0].contains("steps"));
  EXPECT_EQ(messages.value.size(), 1u);
  auto whole = caw::parse_text(out.text);
  ASSERT_TRUE(whole.ok);
  EXPECT_EQ(whole.value["counts"]["runs"], 1);
  EXPECT_EQ(whole.value["counts"]["statuses"]["PROCESSED"], 1);
}

TEST(ReadScenario, LimitsBeyondTwoToTheThirtyOneAreRefusedNotWrapped) {
  for (const char* options : {R"({"limits":{"maxRuns":4294967296}})", R"({"limits":{"maxEvents":4294967296}})",
                              R"({"limits":{"maxInvokeDepth":2147483648}})"}) {
    caw::sim::DryRunOutcome out = caw::sim::dry_run(kBody, options);
    EXPECT_FALSE(out.ok) << options;
    EXPECT_NE(out.text.find("options.limits"), std::string::npos) << out.text;
  }
  EXPECT_TRUE(caw::sim::dry_run(kBody, R"({"limits":{"maxRuns":2147483647}})").ok);
}

TEST(Normalize, KeepsNegativeZeroAsJsonParseDoes) {
  caw::NormalizeResult r = caw::normalize(
      R"({"recipient":"u","data":{"a":-0,"b":0,"c":"-0","d":-0.5,"e":-0e0},"automation":{"steps":[{"action":"send","template":"T"}]}})");
  ASSERT_TRUE(r.ok);
  EXPECT_NE(r.output.find(R"("a":-0.0)"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find(R"("b":0,)"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find(R"("c":"-0")"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find(R"("d":-0.5)"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find(R"("e":-0.0)"), std::string::npos) << r.output;
}

}  // namespace
