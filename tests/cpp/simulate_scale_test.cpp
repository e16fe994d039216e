// The dry run on hostile but valid scenarios (issue 13): a cancel token shared by tens of
// thousands of runs, delays that leave the years 0000-9999, limits of 2^32, templates that invoke
// each other ten times per level. Costs are asserted by counting operations, never by timing.
#include <gtest/gtest.h>

#include <string>
#include <type_traits>

#include "json/parse_text.hpp"
#include "simulate/dry_run.hpp"
#include "simulate/event_queue.hpp"
#include "simulate/scenario.hpp"
#include "simulate/session.hpp"
#include "validate/validate.hpp"
#include "validate_test_util.hpp"

namespace {

using json = nlohmann::json;
using caw::sim::Engine;
using caw::sim::Status;

constexpr caw::sim::EpochMs kNow = caw::sim::kDefaultNow;  // 2024-01-01T00:00:00Z
constexpr caw::sim::EpochMs kHourMs = 3'600'000;

json steps_request(json steps, const char* token = nullptr) {
  json r = {{"recipient", "u1"}, {"template", "T"}, {"automation", {{"steps", std::move(steps)}}}};
  if (token != nullptr) r["automation"]["cancelation_token"] = token;
  return r;
}

caw::sim::RunSpec spec_of(const json& request, caw::sim::ProgramCache& cache) {
  return caw::sim::spec_from_request(request, caw::Limits{}, cache);
}

caw::sim::Options summary() {
  caw::sim::Options o;
  o.full_detail = false;
  return o;
}

// N runs wait 1 day holding a token; 12 hours later N runs each cancel a token. `shared`: all
// hold and cancel one token; otherwise run i holds and is canceled by token i.
Engine cancel_scenario(std::size_t n, bool shared) {
  caw::sim::ProgramCache cache;
  Engine e(summary(), {}, kNow, 1);
  const json wait = json::array({{{"action", "delay"}, {"duration", "1 day"}}, {{"action", "send"}}});
  for (std::size_t i = 0; i < n; ++i) {
    const std::string token = shared ? "shared" : "tok-" + std::to_string(i);
    e.invoke(spec_of(steps_request(wait, token.c_str()), cache), kNow);
  }
  for (std::size_t i = 0; i < n; ++i) {
    const std::string token = shared ? "shared" : "tok-" + std::to_string(i);
    e.invoke(spec_of(steps_request(json::array({{{"action", "cancel"}, {"cancelation_token", token}}})), cache),
             kNow + 12 * kHourMs);
  }
  e.run_until_idle();
  return e;
}

// Was quadratic: every cancel walked every run that ever held the token (80k: 42 s). Now each
// run is visited at most once, when it is canceled; the other 79,999 cancels find an empty list.
TEST(SimulateScale, SharedTokenCancelVisitsEachRunOnce) {
  constexpr std::size_t n = 80'000;
  Engine e = cancel_scenario(n, true);
  EXPECT_EQ(e.halt_error(), "");
  EXPECT_LE(e.cancel_visits(), n);
  EXPECT_TRUE(e.messages().empty());
  for (std::size_t i = 0; i < n; ++i) ASSERT_EQ(e.runs()[i].status, Status::Canceled) << i;
  for (std::size_t i = n; i < 2 * n; ++i) ASSERT_EQ(e.runs()[i].status, Status::Processed) << i;
}

TEST(SimulateScale, SharedTokenCostsWhatUnrelatedTokensCost) {
  constexpr std::size_t n = 20'000;
  Engine shared = cancel_scenario(n, true);
  Engine unrelated = cancel_scenario(n, false);
  EXPECT_EQ(shared.steps_executed(), unrelated.steps_executed());
  EXPECT_EQ(shared.cancel_visits(), unrelated.cancel_visits());
  EXPECT_EQ(shared.messages().size(), unrelated.messages().size());
}

// A run leaves its token's list when it finishes: a later cancel does not walk it.
TEST(SimulateScale, FinishedRunsLeaveTheirTokensList) {
  caw::sim::ProgramCache cache;
  Engine e(summary(), {}, kNow, 1);
  constexpr std::size_t n = 5'000;
  const json send = json::array({{{"action", "send"}}});
  const json wait = json::array({{{"action", "delay"}, {"duration", "1 hour"}}, {{"action", "send"}}});
  for (std::size_t i = 0; i < n; ++i) e.invoke(spec_of(steps_request(i % 2 ? wait : send, "t"), cache), kNow);
  for (std::size_t i = 0; i < n; ++i) {
    e.invoke(spec_of(steps_request(json::array({{{"action", "cancel"}, {"cancelation_token", "t"}}})), cache),
             kNow + 30 * 60'000);
  }
  e.run_until_idle();
  EXPECT_EQ(e.cancel_visits(), n / 2);  // only the runs still waiting, once
  EXPECT_EQ(e.messages().size(), n / 2);
  for (std::size_t i = 0; i < n; ++i) EXPECT_EQ(e.runs()[i].status, i % 2 ? Status::Canceled : Status::Processed);
}

// The queue's order is (time, scheduling order): what makes every trace deterministic.
TEST(SimulateScale, EventQueueIsTimeOrderedAndFifoWithinAnInstant) {
  caw::sim::EventQueue q;
  const caw::sim::EpochMs times[] = {30, 10, 20, 10, 30, 10};
  for (std::uint32_t i = 0; i < 6; ++i) q.push({times[i], i, i % 2 == 1});
  EXPECT_EQ(q.size(), 6u);
  EXPECT_EQ(q.instants(), 3u);
  std::vector<std::uint32_t> order;
  while (!q.empty()) {
    const caw::sim::Event e = q.top();
    q.pop();
    order.push_back(e.target);
    EXPECT_EQ(e.at, e.target < 6 ? times[e.target] : 10);
    EXPECT_EQ(e.start, e.target % 2 == 1 && e.target < 6);
    if (e.target == 1) q.push({10, 6, false});  // pushed while its instant is being taken: still after 3 and 5
  }
  EXPECT_EQ(order, (std::vector<std::uint32_t>{1, 3, 5, 6, 2, 0, 4}));
  EXPECT_EQ(q.instants(), 0u);
}

json run_text(const std::string& scenario, const std::string& options = R"({"detail":"full"})") {
  caw::sim::DryRunOutcome out = caw::sim::dry_run(scenario, options);
  EXPECT_TRUE(out.ok) << out.text.substr(0, 2000);
  return caw::parse_text(out.text).value;
}

json one_run(json request, const char* now = "2024-01-01T00:00:00Z") {
  json s = {{"now", now}, {"invocations", {{{"request", std::move(request)}}}}};
  return run_text(s.dump());
}

// Was: "300000000 years" overflowed int64 milliseconds (the wait landed in year -284552026 and the
// send went out at once); a delay ending past 9999 printed as "12024-...". Now the step fails.
TEST(SimulateScale, ADelayEndingPastYear9999FailsTheRun) {
  json t =
      one_run(steps_request(json::array({{{"action", "delay"}, {"duration", "1000 years"}}, {{"action", "send"}}})),
              "9500-01-01T00:00:00Z");
  EXPECT_TRUE(t["messages"].empty()) << t.dump();
  EXPECT_EQ(t["runs"][0]["status"], "ERROR");
  EXPECT_EQ(t["runs"][0]["steps"][0]["status"], "ERROR");
  EXPECT_NE(t["runs"][0]["steps"][0]["notes"].dump().find("time.out_of_range"), std::string::npos) << t.dump();
  EXPECT_EQ(t["runs"][0]["steps"][1]["status"], "NOT PROCESSED");
  EXPECT_EQ(t.dump().find("10500-"), std::string::npos);  // no five-digit year anywhere
}

TEST(SimulateScale, AnAccessorDurationBeyondTheRangeFailsAtRunTime) {
  for (const char* d : {"300000000 years", "9999999999 minutes"}) {
    json r = steps_request(
        json::array({{{"action", "delay"}, {"duration", {{"$ref", "data.wait"}}}}, {{"action", "send"}}}));
    r["data"] = {{"wait", d}};
    json t = one_run(r);
    EXPECT_TRUE(t["messages"].empty()) << d << t.dump();
    EXPECT_EQ(t["runs"][0]["status"], "ERROR") << d;
    EXPECT_NE(t["runs"][0]["steps"][0]["notes"].dump().find("time.out_of_range"), std::string::npos) << d;
    EXPECT_EQ(t["endedAt"], "2024-01-01T00:00:00.000Z") << d;
  }
}

// The validator refuses the literal at the courier level, naming the field.
TEST(SimulateScale, TheValidatorRefusesLiteralDurationsBeyondTheRange) {
  for (const char* d : {"300000000 years", "9999999999 minutes", "10000 years"}) {
    const std::string text = steps_request(json::array({{{"action", "delay"}, {"duration", d}}})).dump();
    caw::Report r = caw::validate_text(text, caw::Level::Courier);
    const caw::Problem* p = caw::test::find_problem(r, "time.out_of_range", "/automation/steps/0/duration");
    ASSERT_NE(p, nullptr) << d << caw::test::dump(r);
    EXPECT_EQ(p->severity, caw::Severity::Error);
    EXPECT_NE(p->message.find(d), std::string::npos);
    caw::test::expect_registered(r);
    EXPECT_TRUE(caw::validate_text(text, caw::Level::Schema).valid()) << d;  // the OpenAPI allows any string
  }
  for (const char* d : {"9999 years", "5 minutes"}) {
    const std::string text = steps_request(json::array({{{"action", "delay"}, {"duration", d}}})).dump();
    EXPECT_EQ(caw::test::find_problem(caw::validate_text(text), "time.out_of_range"), nullptr) << d;
  }
  const std::string until =
      steps_request(json::array({{{"action", "delay"}, {"until", "0000-01-01T00:00:00+01:00"}}})).dump();
  EXPECT_NE(caw::test::find_problem(caw::validate_text(until), "time.out_of_range", "/automation/steps/0/until"),
            nullptr);
}

TEST(SimulateScale, AdvancingPastYear9999IsAnError) {
  caw::sim::Session s(R"({"now":"9999-12-01T00:00:00Z","invocations":[]})", "");
  ASSERT_TRUE(s.ok()) << s.report();
  EXPECT_NE(s.advance("1 year").find("time.out_of_range"), std::string::npos);
  EXPECT_EQ(s.now(), "9999-12-01T00:00:00.000Z");
  EXPECT_EQ(s.resolve_time("300000000 years"), "");
  EXPECT_EQ(s.advance("2 weeks"), "");
  EXPECT_EQ(s.now(), "9999-12-15T00:00:00.000Z");
}

// Was: in wasm32, {"maxRuns": 2**32} became 0 (no runs) and {"maxEvents": 2**32} left a run in
// PROCESSING, through a cast to a 32-bit std::size_t. The engine's limits are 64-bit on every
// platform now (the options refuse more than 2^31 - 1 before they get here: options.limits).
TEST(SimulateScale, EngineLimitsOf2To32AreNotZero) {
  static_assert(std::is_same_v<decltype(caw::Limits::max_sim_runs), std::uint64_t>);
  static_assert(std::is_same_v<decltype(caw::Limits::max_sim_events), std::uint64_t>);
  static_assert(std::is_same_v<decltype(caw::Limits::max_invoke_depth), std::uint64_t>);
  static_assert(std::is_same_v<decltype(caw::Limits::max_sim_memory_bytes), std::uint64_t>);
  caw::sim::Options o = summary();
  o.limits.max_sim_runs = 1ull << 32;
  o.limits.max_sim_events = 1ull << 32;
  o.limits.max_invoke_depth = 1ull << 32;
  caw::sim::ProgramCache cache;
  Engine e(o, {}, kNow, 1);
  const json wait = json::array({{{"action", "delay"}, {"duration", "1 hour"}}, {{"action", "send"}}});
  EXPECT_FALSE(e.invoke(spec_of(steps_request(wait), cache), kNow).empty());
  e.run_until_idle();
  EXPECT_EQ(e.halt_error(), "");
  EXPECT_EQ(e.runs()[0].status, Status::Processed);
  EXPECT_EQ(e.messages().size(), 1u);

  caw::Report report;
  caw::sim::parse_options(json::parse(R"({"limits":{"maxRuns":4294967296}})"), report);
  ASSERT_FALSE(report.valid());  // refused by name, not wrapped
  EXPECT_EQ(report.errors()[0].path, "/options/limits/maxRuns");
}

// Templates T0..T15, each invoking the next ten times (optionally carrying data): 10^16 runs
// within the invoke depth, far past what memory holds. Was: wasm ran out of memory (after 4 s)
// within the default maxRuns. Now the engine refuses the run that would pass its memory estimate.
std::string fan_out_scenario(int levels, int per_level, int fields = 24, std::size_t field_bytes = 40) {
  json templates = json::object();
  for (int k = 0; k < levels; ++k) {
    json steps = json::array();
    for (int i = 0; i < per_level; ++i) {
      if (k + 1 < levels) {
        steps.push_back({{"action", "invoke"}, {"template", "T" + std::to_string(k + 1)}});
      } else {
        steps.push_back({{"action", "send"}});
      }
    }
    templates["T" + std::to_string(k)] = {{"automation", {{"steps", steps}}}};
  }
  json data = json::object();
  for (int i = 0; i < fields; ++i) {
    data["field" + std::to_string(i)] = std::string(field_bytes, static_cast<char>('a' + i));
  }
  json entry = steps_request(json::array({{{"action", "invoke"}, {"template", "T0"}}}));
  entry["data"] = data;
  return json({{"fixtures", {{"templates", templates}}}, {"invocations", {{{"request", entry}}}}}).dump();
}

TEST(SimulateScale, TemplatesInvokingEachOtherEndWithALimitNotAnOutOfMemory) {
  // 32 KB of data per run: the default budget fills in about 30k runs, so the test stays quick.
  const std::string scenario = fan_out_scenario(16, 10, 8, 4096);
  EXPECT_LT(fan_out_scenario(16, 10, 0).size(), 8192u);
  caw::sim::DryRunOutcome out = caw::sim::dry_run(scenario, R"({"detail":"summary"})");
  ASSERT_TRUE(out.ok) << out.text.substr(0, 2000);
  // The trace's head and tail (parsing all of it would cost more than the run).
  const std::size_t at = out.text.rfind(",\"error\":");
  ASSERT_NE(at, std::string::npos) << "ran to the end?";
  const std::string expected = ",\"error\":\"limit.memory:";
  EXPECT_EQ(out.text.compare(at, expected.size(), expected), 0) << out.text.substr(at, 200);
  const std::size_t runs = std::stoull(out.text.substr(out.text.find("\"runs\":") + 7));
  EXPECT_LT(runs, caw::Limits{}.max_sim_runs);
  EXPECT_GT(runs, 1000u);
}

TEST(SimulateScale, TheMemoryEstimateStaysUnderItsLimit) {
  caw::Report report;
  caw::sim::Options o =
      caw::sim::parse_options(json::parse(R"({"detail":"full","limits":{"maxRuns":100000000}})"), report);
  o.limits.max_sim_memory_bytes = 8u << 20;
  caw::ParsedText doc = caw::parse_text(fan_out_scenario(16, 10), caw::sim::scenario_limits(o.limits));
  caw::sim::ScenarioParse parsed = caw::sim::parse_scenario(doc.value, o);
  ASSERT_TRUE(parsed.ok());
  Engine e(o, std::move(parsed.scenario.fixtures), parsed.scenario.now, 0);
  for (auto& inv : parsed.scenario.invocations) e.invoke(std::move(inv.spec), inv.at);
  e.run_until_idle();
  EXPECT_EQ(e.halt_error().rfind("limit.memory", 0), 0u) << e.halt_error();
  EXPECT_GT(e.memory_estimate(), (8u << 20) - 64 * 1024);
  EXPECT_LT(e.memory_estimate(), (8u << 20) + 64 * 1024);  // stopped at the run that crossed it
  EXPECT_GT(e.runs().size(), 1000u);
}

}  // namespace
