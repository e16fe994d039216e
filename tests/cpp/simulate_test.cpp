#include <gtest/gtest.h>

#include "json/parse_text.hpp"
#include "simulate/dry_run.hpp"
#include "simulate/session.hpp"
#include "test_util.hpp"

namespace {

using json = nlohmann::json;

json run(const json& scenario, const std::string& options = "{\"detail\":\"full\"}") {
  caw::sim::DryRunOutcome out = caw::sim::dry_run(scenario.dump(), options);
  EXPECT_TRUE(out.ok) << out.text;
  auto parsed = caw::parse_text(out.text);
  EXPECT_TRUE(parsed.ok);
  return parsed.value;
}

json refused(const json& scenario) {
  caw::sim::DryRunOutcome out = caw::sim::dry_run(scenario.dump(), "");
  EXPECT_FALSE(out.ok) << out.text;
  return caw::parse_text(out.text).value;
}

json adhoc(json steps, json extra = json::object()) {
  json r = {{"automation", {{"steps", std::move(steps)}}}, {"recipient", "u1"}, {"template", "T"}};
  for (auto it = extra.begin(); it != extra.end(); ++it) r[it.key()] = *it;
  return r;
}

json scenario(json invocations, json fixtures = json::object(), const char* now = "2024-01-01T00:00:00Z") {
  return {{"now", now}, {"fixtures", std::move(fixtures)}, {"invocations", std::move(invocations)}};
}

TEST(Simulate, SeedExampleSendsOnceAtTheUntilInstant) {
  const std::string seed = caw::test::read_file(std::string(CAW_FIXTURES_DIR) + "/valid/seed-example.json");
  auto out = caw::sim::dry_run(seed, R"({"now":"2024-01-01T00:00:00Z"})");
  ASSERT_TRUE(out.ok) << out.text;
  json t = caw::parse_text(out.text).value;
  ASSERT_EQ(t["messages"].size(), 1u);
  EXPECT_EQ(t["messages"][0]["at"], "2024-04-08T08:09:10.123Z");
  EXPECT_EQ(t["messages"][0]["recipient"], "user-yes");
  EXPECT_EQ(t["messages"][0]["data"]["name"], "Foo");
  EXPECT_EQ(t["runs"][0]["status"], "PROCESSED");
  EXPECT_EQ(t["endedAt"], "2024-04-08T08:09:10.123Z");
  const std::string id = t["runs"][0]["runId"];
  ASSERT_EQ(id.size(), 35u);
  EXPECT_EQ(id.substr(0, 11), "1-65920080-");  // 2024-01-01 in epoch seconds, hex
  auto notes = t["runs"][0]["steps"][0]["notes"].dump();
  EXPECT_NE(notes.find("5-15 minute"), std::string::npos);
}

TEST(Simulate, DelayThenCancelFromASecondRun) {
  json run1 = adhoc({{{"action", "delay"}, {"duration", "1 day"}}, {{"action", "send"}}});
  run1["automation"]["cancelation_token"] = "tok";
  json run2 = adhoc({{{"action", "cancel"}, {"cancelation_token", "tok"}}});
  json t = run(scenario({{{"request", run1}}, {{"at", "2024-01-01T12:00:00Z"}, {"request", run2}}}));
  EXPECT_TRUE(t["messages"].empty());
  EXPECT_EQ(t["runs"][0]["status"], "CANCELED");
  EXPECT_EQ(t["runs"][0]["steps"][0]["status"], "CANCELED");
  EXPECT_EQ(t["runs"][0]["steps"][0]["finishedAt"], "2024-01-01T12:00:00.000Z");
  EXPECT_EQ(t["runs"][0]["steps"][1]["status"], "NOT PROCESSED");
  EXPECT_EQ(t["runs"][1]["status"], "PROCESSED");
  EXPECT_EQ(t["runs"][1]["steps"][0]["output"]["canceled"], 1);
  EXPECT_EQ(t["endedAt"], "2024-01-01T12:00:00.000Z");
}

TEST(Simulate, CancelAfterTheDelayIsTooLate) {
  json run1 = adhoc({{{"action", "delay"}, {"duration", "1 hour"}}, {{"action", "send"}}});
  run1["automation"]["cancelation_token"] = "tok";
  json run2 = adhoc({{{"action", "cancel"}, {"cancelation_token", "tok"}}});
  json t = run(scenario({{{"request", run1}}, {{"at", "2024-01-01T01:00:00.001Z"}, {"request", run2}}}));
  // One millisecond after the delay landed: the message is out, nothing left to cancel.
  EXPECT_EQ(t["messages"].size(), 1u);
  EXPECT_EQ(t["runs"][0]["status"], "PROCESSED");
  EXPECT_EQ(t["runs"][1]["steps"][0]["output"]["canceled"], 0);
}

TEST(Simulate, ARunCancelingItself) {
  json r = adhoc({{{"action", "send"}}, {{"action", "cancel"}, {"cancelation_token", "me"}}, {{"action", "send"}}});
  r["automation"]["cancelation_token"] = "me";
  json t = run(scenario({{{"request", r}}}));
  EXPECT_EQ(t["runs"][0]["status"], "CANCELED");
  EXPECT_EQ(t["runs"][0]["steps"][1]["status"], "PROCESSED");
  EXPECT_EQ(t["runs"][0]["steps"][2]["status"], "NOT PROCESSED");
  EXPECT_EQ(t["messages"].size(), 1u);
}

TEST(Simulate, MonthArithmeticClampsAtMonthEnds) {
  auto at = [](const char* now, const char* duration) {
    json t = run(scenario({{{"request", adhoc({{{"action", "delay"}, {"duration", duration}}, {{"action", "send"}}})}}},
                          json::object(), now));
    return t["messages"][0]["at"].get<std::string>();
  };
  EXPECT_EQ(at("2024-01-31T10:00:00Z", "1 month"), "2024-02-29T10:00:00.000Z");
  EXPECT_EQ(at("2023-01-31T10:00:00Z", "1 month"), "2023-02-28T10:00:00.000Z");
  EXPECT_EQ(at("2024-02-29T00:00:00Z", "1 year"), "2025-02-28T00:00:00.000Z");
  EXPECT_EQ(at("2024-03-31T00:00:00Z", "1 months"), "2024-04-30T00:00:00.000Z");
  EXPECT_EQ(at("2024-01-31T00:00:00Z", "1.9 months"), "2024-02-29T00:00:00.000Z");
  EXPECT_EQ(at("2024-12-31T23:30:00Z", "45 minutes"), "2025-01-01T00:15:00.000Z");
}

TEST(Simulate, PastUntilFiresAtOnce) {
  json t = run(scenario(
      {{{"request", adhoc({{{"action", "delay"}, {"until", "2020-01-01T00:00:00Z"}}, {{"action", "send"}}})}}}));
  EXPECT_EQ(t["messages"][0]["at"], "2024-01-01T00:00:00.000Z");
  EXPECT_NE(t["runs"][0]["steps"][0]["notes"].dump().find("in the past"), std::string::npos);
}

json profile_after(const char* merge, bool existing = true) {
  json fixtures = json::object();
  if (existing) fixtures["profiles"] = {{"u1", {{"a", 1}, {"b", 2}}}};
  json step = {
      {"action", "update-profile"}, {"recipient_id", "u1"}, {"profile", {{"b", 3}, {"c", 4}}}, {"merge", merge}};
  json t = run(scenario({{{"request", adhoc(json::array({step}))}}}, fixtures));
  return t["profiles"]["u1"];
}

TEST(Simulate, UpdateProfileStrategiesOnTheWorkedExample) {
  EXPECT_EQ(profile_after("replace"), json({{"b", 3}, {"c", 4}}));
  EXPECT_EQ(profile_after("overwrite"), json({{"a", 1}, {"b", 3}, {"c", 4}}));
  EXPECT_EQ(profile_after("soft-merge"), json({{"a", 1}, {"b", 2}, {"c", 4}}));
  EXPECT_EQ(profile_after("none"), json({{"a", 1}, {"b", 2}}));
  for (const char* m : {"replace", "overwrite", "soft-merge", "none"}) {
    EXPECT_EQ(profile_after(m, false), json({{"b", 3}, {"c", 4}})) << m;
  }
}

TEST(Simulate, OverwriteIsADeepMerge) {
  json fixtures = {{"profiles", {{"u1", {{"address", {{"city", "Paris"}, {"zip", "75001"}}}}}}}};
  json step = {{"action", "update-profile"},
               {"recipient_id", "u1"},
               {"profile", {{"address", {{"city", "Lyon"}}}}},
               {"merge", "overwrite"}};
  json t = run(scenario({{{"request", adhoc(json::array({step}))}}}, fixtures));
  EXPECT_EQ(t["profiles"]["u1"], json({{"address", {{"city", "Lyon"}, {"zip", "75001"}}}}));
}

TEST(Simulate, SendListFansOutAndUnknownListErrors) {
  json fixtures = {{"lists", {{"beta", {"a", "b", "c"}}}}};
  json t = run(scenario({{{"request", adhoc({{{"action", "send-list"}, {"list", "beta"}}}, {{"data", {{"k", 1}}}})}}},
                        fixtures));
  ASSERT_EQ(t["messages"].size(), 3u);
  EXPECT_EQ(t["messages"][2]["recipient"], "c");
  EXPECT_EQ(t["messages"][2]["list"], "beta");
  EXPECT_EQ(t["messages"][2]["data"]["k"], 1);
  t = run(
      scenario({{{"request", adhoc({{{"action", "send-list"}, {"list", "nope"}}, {{"action", "send"}}})}}}, fixtures));
  EXPECT_EQ(t["runs"][0]["status"], "ERROR");
  EXPECT_EQ(t["runs"][0]["steps"][0]["status"], "ERROR");
  EXPECT_EQ(t["runs"][0]["steps"][1]["status"], "NOT PROCESSED");
}

TEST(Simulate, SendMergesRunAndStepAndNeedsARecipient) {
  json step = {{"action", "send"}, {"data", {{"Username", "x"}, {"k", 2}}}, {"brand", "B"}};
  json t = run(scenario({{{"request", adhoc(json::array({step}), {{"data", {{"Title", "t"}, {"k", 1}}}})}}}));
  EXPECT_EQ(t["messages"][0]["data"], json({{"Title", "t"}, {"Username", "x"}, {"k", 2}}));
  EXPECT_EQ(t["messages"][0]["brand"], "B");
  // No recipient anywhere: the validator refuses the request before anything runs.
  json r = {{"automation", {{"steps", {{{"action", "send"}, {"template", "T"}}}}}}};
  json report = refused(scenario({{{"request", r}}}));
  EXPECT_EQ(report["errors"][0]["code"], "send.recipient.missing");
  EXPECT_EQ(report["errors"][0]["path"], "/invocations/0/request/automation/steps/0/recipient");
  // A recipient accessor that resolves to nothing at run time: the step and the run ERROR.
  json late = {
      {"automation", {{"steps", {{{"action", "send"}, {"template", "T"}, {"recipient", {{"$ref", "data.nobody"}}}}}}}}};
  t = run(scenario({{{"request", late}}}));
  EXPECT_EQ(t["runs"][0]["status"], "ERROR");
  EXPECT_EQ(t["runs"][0]["steps"][0]["status"], "ERROR");
  EXPECT_TRUE(t["messages"].empty());
}

json data_after_fetch(const char* strategy, bool fixture = true) {
  json fixtures = json::object();
  if (fixture) {
    fixtures["webhooks"] = {
        {{"method", "GET"}, {"url", "https://x.test/u"}, {"response", {{"b", {{"y", 2}}}, {"c", 3}}}}};
  }
  json step = {{"action", "fetch-data"},
               {"webhook", {{"url", "https://x.test/u"}, {"method", "GET"}}},
               {"merge_strategy", strategy}};
  json t = run(scenario({{{"request", adhoc({step, {{"action", "send"}}}, {{"data", {{"a", 1}, {"b", {{"x", 1}}}}}})}}},
                        fixtures));
  return t["messages"][0]["data"];
}

TEST(Simulate, FetchDataMergeStrategiesAndAMissingFixture) {
  EXPECT_EQ(data_after_fetch("replace"), json({{"b", {{"y", 2}}}, {"c", 3}}));
  EXPECT_EQ(data_after_fetch("overwrite"), json({{"a", 1}, {"b", {{"x", 1}, {"y", 2}}}, {"c", 3}}));
  EXPECT_EQ(data_after_fetch("soft-merge"), json({{"a", 1}, {"b", {{"x", 1}}}, {"c", 3}}));
  EXPECT_EQ(data_after_fetch("replace", false), json::object());
  EXPECT_EQ(data_after_fetch("overwrite", false), json({{"a", 1}, {"b", {{"x", 1}}}}));
}

// Section 6 of courier-semantics.md, the dry run's parts that follow Courier's invoke-time filling.
TEST(Simulate, SendDeepExtendsDataAndProfileOverTheRuns) {
  json step = {{"action", "send"},
               {"data", {{"order", {{"id", 7}}}, {"tags", {"b"}}}},
               {"profile", {{"address", {{"zip", "75001"}}}}}};
  json extra = {{"data", {{"order", {{"total", 3}}}, {"tags", {"a", "c"}}}},
                {"profile", {{"address", {{"city", "Paris"}}}, {"email", "e"}}}};
  json t = run(scenario({{{"request", adhoc(json::array({step}), extra)}}}));
  // Objects merge recursively, the step winning; arrays are replaced (deep-extend).
  EXPECT_EQ(t["messages"][0]["data"], json({{"order", {{"id", 7}, {"total", 3}}}, {"tags", {"b"}}}));
  EXPECT_EQ(t["messages"][0]["profile"], json({{"address", {{"city", "Paris"}, {"zip", "75001"}}}, {"email", "e"}}));
}

TEST(Simulate, SendFillsAsCourierDoes) {
  // recipient: "" falls back (||); brand: null falls back (??); the run's brand is kept.
  json step = {{"action", "send"}, {"recipient", ""}, {"brand", nullptr}};
  json t = run(scenario({{{"request", adhoc(json::array({step}), {{"brand", "B"}})}}}));
  EXPECT_EQ(t["messages"][0]["recipient"], "u1");
  EXPECT_EQ(t["messages"][0]["brand"], "B");
  EXPECT_EQ(t["messages"][0]["template"], "T");
}

TEST(Simulate, V2MessageSends) {
  // to = the run's profile, user_id = the run's recipient, then message.to.
  json v2 = {{"action", "send"}, {"message", {{"template", "M"}, {"to", {{"email", "a@b.c"}}}}}};
  json t = run(scenario({{{"request", adhoc(json::array({v2}), {{"profile", {{"locale", "fr"}}}})}}}));
  ASSERT_EQ(t["messages"].size(), 1u);
  EXPECT_EQ(t["messages"][0]["recipient"], "u1");
  EXPECT_EQ(t["messages"][0]["template"], "M");
  EXPECT_EQ(t["messages"][0]["profile"], json({{"locale", "fr"}, {"user_id", "u1"}, {"email", "a@b.c"}}));
  // No `to` but a run recipient, and content instead of a template: sent.
  json content = {{"action", "send"}, {"message", {{"content", {{"body", "hi"}}}}}};
  t = run(scenario({{{"request", adhoc(json::array({content}))}}}));
  ASSERT_EQ(t["messages"].size(), 1u);
  EXPECT_EQ(t["runs"][0]["status"], "PROCESSED");
  EXPECT_EQ(t["messages"][0]["recipient"], "u1");
  // message.to.user_id wins over the run's recipient.
  json to = {{"action", "send"}, {"message", {{"to", {{"user_id", "u2"}}}}}};
  t = run(scenario({{{"request", adhoc(json::array({to}))}}}));
  EXPECT_EQ(t["messages"][0]["recipient"], "u2");
  EXPECT_EQ(t["messages"][0]["template"], "T");
}

TEST(Simulate, CancelTokensAsAccessorsOrInterpolated) {
  json run1 = adhoc({{{"action", "delay"}, {"duration", "1 day"}}, {{"action", "send"}}}, {{"data", {{"id", 42}}}});
  run1["automation"]["cancelation_token"] = "${`onboarding-${data.id}`}";
  for (const json& token : {json("onboarding-${data.id}"), json({{"$ref", "data.token"}})}) {
    json run2 = adhoc({{{"action", "cancel"}, {"cancelation_token", token}}},
                      {{"data", {{"id", 42}, {"token", "onboarding-42"}}}});
    json t = run(scenario({{{"request", run1}}, {{"at", "2024-01-01T12:00:00Z"}, {"request", run2}}}));
    EXPECT_TRUE(t["messages"].empty()) << token;
    EXPECT_EQ(t["runs"][0]["status"], "CANCELED") << token;
    EXPECT_EQ(t["runs"][1]["steps"][0]["input"]["cancelation_token"], "onboarding-42") << token;
  }
}

TEST(Simulate, OverwriteMergesArraysIndexByIndex) {
  json fixtures = {{"profiles", {{"u1", {{"tags", {{{"a", 1}}, "x", "y"}}}}}}};
  json step = {{"action", "update-profile"},
               {"recipient_id", "u1"},
               {"profile", {{"tags", {{{"b", 2}}, "z"}}}},
               {"merge", "overwrite"}};
  json t = run(scenario({{{"request", adhoc(json::array({step}))}}}, fixtures));
  EXPECT_EQ(t["profiles"]["u1"], json({{"tags", {{{"a", 1}, {"b", 2}}, "z", "y"}}}));
}

TEST(Simulate, FetchDataNoneOnlyWhenDataIsEmptyAndMethodsMatchInAnyCase) {
  json fixtures = {{"webhooks", {{{"method", "GET"}, {"url", "https://x.test/u"}, {"response", {{"r", 1}}}}}}};
  json step = {{"action", "fetch-data"},
               {"webhook", {{"url", "https://x.test/u"}, {"method", "get"}}},
               {"merge_strategy", "none"}};
  json t = run(scenario({{{"request", adhoc(json::array({step}), {{"data", json::object()}})}}}, fixtures));
  EXPECT_EQ(t["runs"][0]["steps"][0]["output"]["data"], json({{"r", 1}}));
  t = run(scenario({{{"request", adhoc(json::array({step}), {{"data", {{"k", 0}}}})}}}, fixtures));
  EXPECT_EQ(t["runs"][0]["steps"][0]["output"]["data"], json({{"k", 0}}));
}

TEST(Simulate, TemplateFixturesAsCourierStoresThem) {
  json stored = {{"cancelation_token", "tpl"}, {"steps", json::array({{{"action", "send"}, {"template", "TS"}}})}};
  json t = run(scenario({{{"templateId", "S"}, {"request", {{"recipient", "u1"}}}}}, {{"templates", {{"S", stored}}}}));
  ASSERT_EQ(t["messages"].size(), 1u);
  EXPECT_EQ(t["messages"][0]["template"], "TS");
  // Its problems are located where it is written (no /automation in the path).
  stored["steps"][0]["idempotency_key"] = nullptr;
  json report =
      refused(scenario({{{"templateId", "S"}, {"request", {{"recipient", "u1"}}}}}, {{"templates", {{"S", stored}}}}));
  EXPECT_EQ(report["errors"][0]["code"], "step.property.null");
  EXPECT_EQ(report["errors"][0]["path"], "/fixtures/templates/S/steps/0/idempotency_key");
}

TEST(Simulate, FetchDataFailingFixtureGivesEmptyObjectAndANote) {
  json fixtures = {{"webhooks", {{{"method", "POST"}, {"url", "https://x.test/u"}, {"status", 500}}}}};
  json step = {{"action", "fetch-data"},
               {"webhook", {{"url", "https://x.test/u"}, {"method", "POST"}}},
               {"merge_strategy", "replace"}};
  json t = run(scenario({{{"request", adhoc(json::array({step}))}}}, fixtures));
  EXPECT_EQ(t["runs"][0]["steps"][0]["output"]["response"], json::object());
  EXPECT_NE(t["runs"][0]["steps"][0]["notes"].dump().find("HTTP 500"), std::string::npos);
}

TEST(Simulate, InvokeStartsChildRunsAndRefusesCycles) {
  json a = {{"automation", {{"steps", {{{"action", "send"}}, {{"action", "invoke"}, {"template", "B"}}}}}}};
  json b = {{"automation", {{"steps", json::array({{{"action", "send"}, {"template", "TB"}}})}}}};
  json fixtures = {{"templates", {{"A", a}, {"B", b}}}};
  json step = {{"action", "invoke"}, {"template", "A"}, {"context", {{"data", {{"extra", true}}}}}};
  json t = run(scenario({{{"request", adhoc(json::array({step}))}}}, fixtures));
  ASSERT_EQ(t["runs"].size(), 3u);
  EXPECT_EQ(t["runs"][1]["parentRunId"], t["runs"][0]["runId"]);
  EXPECT_EQ(t["runs"][2]["parentRunId"], t["runs"][1]["runId"]);
  EXPECT_EQ(t["messages"].size(), 2u);
  EXPECT_EQ(t["messages"][0]["data"]["extra"], true);
  EXPECT_EQ(t["messages"][0]["at"], "2024-01-01T00:00:00.000Z");
  // A -> B -> A: a cycle.
  fixtures["templates"]["B"]["automation"]["steps"].push_back({{"action", "invoke"}, {"template", "A"}});
  t = run(scenario({{{"request", adhoc(json::array({step}))}}}, fixtures));
  EXPECT_EQ(t["runs"][2]["status"], "ERROR");
  EXPECT_NE(t["runs"][2]["steps"][1]["notes"].dump().find("cycles"), std::string::npos);
  // Self-invocation is a cycle too.
  json self = {{"automation", {{"steps", json::array({{{"action", "invoke"}, {"template", "S"}}})}}}};
  t = run(scenario({{{"templateId", "S"}, {"request", {{"recipient", "u1"}}}}}, {{"templates", {{"S", self}}}}));
  EXPECT_EQ(t["runs"][0]["status"], "ERROR");
}

TEST(Simulate, InvokeDepthIsBounded) {
  json fixtures = {{"templates", json::object()}};
  for (int i = 0; i < 20; ++i) {
    fixtures["templates"]["T" + std::to_string(i)] = {
        {"automation", {{"steps", json::array({{{"action", "invoke"}, {"template", "T" + std::to_string(i + 1)}}})}}}};
  }
  fixtures["templates"]["T20"] = {{"automation", {{"steps", json::array({{{"action", "send"}}})}}}};
  json t = run(scenario({{{"request", adhoc({{{"action", "invoke"}, {"template", "T0"}}})}}}, fixtures));
  EXPECT_EQ(t["runs"].size(), 17u);
  EXPECT_EQ(t["runs"][16]["status"], "ERROR");
}

TEST(Simulate, IfFalseSkipsAndUnsupportedIsTrue) {
  json steps = {{{"action", "send"}, {"if", "data.foo === 'send-it'"}},
                {{"action", "send"}, {"if", "data.foo === 'no'"}},
                {{"action", "send"}, {"if", "Math.random() > 2"}, {"ref", "r"}},
                {{"action", "send"}, {"if", "refs.r.status < MessageStatus.Opened"}}};
  json t = run(scenario({{{"request", adhoc(steps, {{"data", {{"foo", "send-it"}}}})}}}));
  EXPECT_EQ(t["runs"][0]["steps"][0]["status"], "PROCESSED");
  EXPECT_EQ(t["runs"][0]["steps"][1]["status"], "SKIPPED");
  EXPECT_EQ(t["runs"][0]["steps"][2]["status"], "PROCESSED");
  EXPECT_NE(t["runs"][0]["steps"][2]["notes"].dump().find("outside the supported subset"), std::string::npos);
  EXPECT_EQ(t["runs"][0]["steps"][3]["status"], "PROCESSED");
  EXPECT_EQ(t["messages"].size(), 3u);
}

TEST(Simulate, AccessorsResolveFromTheRunContext) {
  json step = {{"action", "send"}, {"recipient", {{"$ref", "data.user.id"}}}};
  json t = run(scenario({{{"request", adhoc(json::array({step}), {{"data", {{"user", {{"id", "deep"}}}}}})}}}));
  EXPECT_EQ(t["messages"][0]["recipient"], "deep");
}

TEST(Simulate, DeterministicPerSeed) {
  json s = scenario({{{"request", adhoc({{{"action", "send"}}})}}, {{"request", adhoc({{{"action", "send"}}})}}});
  auto a = caw::sim::dry_run(s.dump(), R"({"seed":7})");
  auto b = caw::sim::dry_run(s.dump(), R"({"seed":7})");
  auto c = caw::sim::dry_run(s.dump(), R"({"seed":8})");
  EXPECT_EQ(a.text, b.text);
  EXPECT_NE(a.text, c.text);
  json ta = caw::parse_text(a.text).value;
  json tc = caw::parse_text(c.text).value;
  EXPECT_NE(ta["runs"][0]["runId"], tc["runs"][0]["runId"]);
  EXPECT_NE(ta["runs"][0]["runId"], ta["runs"][1]["runId"]);
}

TEST(Simulate, ScenarioErrorsRefuseTheWholeScenario) {
  json bad = {{"automation", {{"steps", {{{"action", "send"}, {"template", 5}}}}}}};
  json r = refused(scenario({{{"request", adhoc({{{"action", "send"}}})}}, {{"request", bad}}}));
  EXPECT_EQ(r["valid"], false);
  EXPECT_EQ(r["errors"][0]["path"].get<std::string>().rfind("/invocations/1/request/automation/steps/0", 0), 0u);
  r = refused({{"now", "yesterday"}, {"invocations", json::array()}});
  EXPECT_EQ(r["errors"][0]["path"], "/now");
  r = refused({{"invocations", json::array()}, {"fixtures", {{"people", json::object()}}}});
  EXPECT_EQ(r["errors"][0]["path"], "/fixtures/people");
  r = refused(scenario({{{"templateId", "missing"}, {"request", json::object()}}}));
  EXPECT_EQ(r["errors"][0]["path"], "/invocations/0/templateId");
}

TEST(Simulate, LimitsStopInsteadOfHanging) {
  json fixtures = {{"templates", {{"Loop", {{"automation", {{"steps", json::array({{{"action", "send"}}})}}}}}}}};
  json steps = json::array();
  for (int i = 0; i < 10; ++i) steps.push_back({{"action", "invoke"}, {"template", "Loop"}});
  auto out = caw::sim::dry_run(scenario({{{"request", adhoc(steps)}}}, fixtures).dump(), R"({"limits":{"maxRuns":5}})");
  ASSERT_TRUE(out.ok);
  json t = caw::parse_text(out.text).value;
  EXPECT_EQ(t["runs"].size(), 5u);
  EXPECT_NE(t["error"].get<std::string>().find("limit.runs"), std::string::npos);
}

TEST(Session, StepwiseAdvanceAndExternalFetch) {
  caw::sim::Session s(R"({"now":"2024-01-01T00:00:00Z","invocations":[]})", R"({"externalFetch":true})");
  ASSERT_TRUE(s.ok()) << s.report();
  json body = adhoc({{{"action", "delay"}, {"duration", "1 day"}},
                     {{"action", "fetch-data"},
                      {"webhook", {{"url", "https://x.test"}, {"method", "GET"}}},
                      {"merge_strategy", "overwrite"}},
                     {{"action", "send"}}});
  json r = caw::parse_text(s.invoke(body.dump())).value;
  ASSERT_EQ(r["ok"], true) << r.dump();
  EXPECT_EQ(s.advance("23 hours"), "");
  EXPECT_EQ(s.now(), "2024-01-01T23:00:00.000Z");
  EXPECT_EQ(s.pending_fetch(), "");
  EXPECT_EQ(s.advance("1 hour"), "");
  ASSERT_NE(s.pending_fetch(), "");
  EXPECT_TRUE(s.resolve_fetch(R"({"fetched":1})", true));
  s.run_until_idle();
  json t = caw::parse_text(s.trace()).value;
  EXPECT_EQ(t["messages"][0]["data"]["fetched"], 1);
  EXPECT_EQ(t["messages"][0]["at"], "2024-01-02T00:00:00.000Z");
  EXPECT_NE(s.advance("soon"), "");
}

// The "fixtures" option (a CLI's --fixtures file, the playground's fixtures editor) adds to the
// scenario's own fixtures, its ids winning, and its problems come located in its own text.
TEST(Simulate, FixturesOptionAddsToTheScenariosOwn) {
  json own = {{"lists", {{"beta", {"u1"}}, {"kept", {"u3"}}}}};
  json s = scenario({{{"templateId", "opt"}, {"request", json::object()}}}, own);
  json extra = {
      {"lists", {{"beta", {"u2"}}}},
      {"templates",
       {{"opt", {{"automation", {{"steps", {{{"action", "send-list"}, {"list", "beta"}}}}}}, {"template", "T"}}}}}};
  json options = {{"fixtures", extra.dump(2)}};
  json t = run(s, options.dump());
  ASSERT_EQ(t["messages"].size(), 1u) << t.dump();
  EXPECT_EQ(t["messages"][0]["recipient"], "u2");
  options["fixtures"] = extra;  // a value instead of text: the same run
  EXPECT_EQ(run(s, options.dump())["messages"], t["messages"]);
}

TEST(Simulate, EveryProblemIsLocatedInTheTextItIsIn) {
  const std::string text =
      "{\n  \"now\": \"2024-01-01T00:00:00Z\",\n  \"invocations\": [\n    {\"templateId\": \"nope\", "
      "\"request\": {}}\n  ]\n}";
  const json options = {{"fixtures", "{\n  \"profiles\": {},\n  \"gadgets\": {}\n}"}};
  caw::sim::DryRunOutcome out = caw::sim::dry_run(text, options.dump());
  ASSERT_FALSE(out.ok);
  json report = caw::parse_text(out.text).value;
  auto find = [&](const std::string& path) {
    for (const json& p : report["errors"])
      if (p["path"] == path) return p;
    return json();
  };
  const json gadget = find("/options/fixtures/gadgets");
  ASSERT_FALSE(gadget.is_null()) << report.dump();
  EXPECT_EQ(gadget["line"], 3);
  EXPECT_EQ(gadget["column"], 14);
  const json missing = find("/invocations/0/templateId");
  ASSERT_FALSE(missing.is_null()) << report.dump();
  EXPECT_EQ(missing["line"], 4);
  EXPECT_EQ(missing["column"], 20);
  // Malformed fixtures text: the syntax error is located in it, beside the scenario's problems.
  out = caw::sim::dry_run(text, json{{"fixtures", "{\n  \"lists\": ,\n}"}}.dump());
  report = caw::parse_text(out.text).value;
  ASSERT_EQ(report["errors"].size(), 2u) << report.dump();
  EXPECT_EQ(report["errors"][0]["code"], "json.syntax");
  EXPECT_EQ(report["errors"][0]["path"].get<std::string>().rfind("/options/fixtures", 0), 0u);
  EXPECT_EQ(report["errors"][0]["line"], 2);
  EXPECT_EQ(report["errors"][1]["line"], 4);
}

TEST(Simulate, WarningsOfARunScenarioAreLocatedToo) {
  const std::string body =
      "{\"recipient\": \"u1\", \"automation\": {\"steps\": [\n  {\"action\": \"send\", \"template\": "
      "\"T\",\n   \"if\": \"check(data)\"}\n]}}";
  caw::sim::DryRunOutcome out = caw::sim::dry_run(body, "");
  ASSERT_TRUE(out.ok) << out.text;
  json w = caw::parse_text(out.text).value["warnings"];
  ASSERT_EQ(w.size(), 1u) << w.dump();
  EXPECT_EQ(w[0]["code"], "step.if.unsupported");
  EXPECT_EQ(w[0]["line"], 3);
  EXPECT_EQ(w[0]["column"], 10);
  caw::sim::Session s(body, "");
  ASSERT_TRUE(s.ok()) << s.report();
  s.run_until_idle();
  EXPECT_EQ(caw::parse_text(s.trace()).value["warnings"], w);
}

}  // namespace
