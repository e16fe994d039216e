// Every bound of caw::Limits (docs/limits.md): over the limit gives its documented error, not a
// crash or a hang, at the default and when the limit is changed.
#include <gtest/gtest.h>

#include <string>

#include "api/normalize.hpp"
#include "expr/expr.hpp"
#include "json/parse_text.hpp"
#include "simulate/dry_run.hpp"
#include "validate/validate.hpp"
#include "validate_dom.hpp"

namespace {

using json = nlohmann::json;

std::string body(const std::string& steps, const std::string& extra = "") {
  return R"({"recipient":"u","template":"T")" + extra + R"(,"automation":{"steps":)" + steps + "}}";
}

bool has_code(const caw::Report& r, const std::string& code) {
  for (const auto& p : r.errors()) {
    if (p.code == code) return true;
  }
  return false;
}

// Text, fast path and DOM path, both levels, and normalize: all report `code`.
void expect_everywhere(const std::string& text, const std::string& code, const caw::Limits& limits = {}) {
  for (caw::Level level : {caw::Level::Schema, caw::Level::Courier}) {
    EXPECT_TRUE(has_code(caw::validate_text(text, level, limits), code)) << code;
    EXPECT_TRUE(has_code(caw::oracle::validate_text_dom(text, level, limits), code)) << code;
  }
  caw::NormalizeOptions o;
  o.limits = limits;
  auto n = caw::normalize(text, o);
  EXPECT_FALSE(n.ok);
  EXPECT_TRUE(has_code(n.report, code)) << code;
}

TEST(Limits, Defaults) {
  const caw::Limits l;
  EXPECT_EQ(l.max_payload_bytes, 8u * 1024 * 1024);
  EXPECT_EQ(l.max_depth, 128u);
  EXPECT_EQ(l.max_steps, 10000u);
  EXPECT_EQ(l.max_string_bytes, 1024u * 1024);
  EXPECT_EQ(l.max_expression_bytes, 4096u);
  EXPECT_EQ(l.max_expression_depth, 64u);
  EXPECT_EQ(l.max_sim_runs, 2000000u);
  EXPECT_EQ(l.max_sim_events, 20000000u);
  EXPECT_EQ(l.max_invoke_depth, 16u);
}

TEST(Limits, PayloadBytes) {
  std::string big =
      body(R"([{"action":"send"}])", ",\"data\":{\"pad\":\"" + std::string(9u * 1024 * 1024, 'x') + "\"}");
  expect_everywhere(big, "limit.payload_bytes");
  caw::Limits small;
  small.max_payload_bytes = 64;
  expect_everywhere(body(R"([{"action":"send"}])", R"(,"data":{"pad":"0123456789012345678901234567890123456789"})"),
                    "limit.payload_bytes", small);
  small.max_payload_bytes = 4096;
  EXPECT_TRUE(caw::validate_text(body(R"([{"action":"send"}])"), caw::Level::Courier, small).valid());
}

TEST(Limits, ScenarioBytes) {
  EXPECT_EQ(caw::Limits{}.max_scenario_bytes, 1024u * 1024 * 1024);
  caw::Limits l;
  l.max_scenario_bytes = 64;
  const std::string scenario =
      R"({"invocations":[],"fixtures":{"profiles":{"u":{"pad":"0123456789012345678901234567890123456789"}}}})";
  const caw::ParsedText p = caw::parse_text(scenario, caw::sim::scenario_limits(l));
  ASSERT_FALSE(p.ok);
  EXPECT_TRUE(has_code(p.problems, "limit.payload_bytes"));
  // A dry run reads the scenario with max_scenario_bytes, not max_payload_bytes.
  const std::string body9m =
      body(R"([{"action":"send"}])", ",\"data\":{\"pad\":\"" + std::string(9u * 1024 * 1024, 'x') + "\"}");
  const auto out = caw::sim::dry_run(body9m, "");
  EXPECT_EQ(out.text.find("limit.payload_bytes"), std::string::npos);
  EXPECT_NE(out.text.find("limit.string"), std::string::npos);  // its 9 MB string is over 1 MiB
}

TEST(Limits, DepthDefaultAndHundredThousandDeep) {
  const std::string deep100k = std::string(100000, '[') + std::string(100000, ']');
  expect_everywhere(deep100k, "limit.depth");
  expect_everywhere(body(R"([{"action":"send"}])", ",\"data\":" + deep100k), "limit.depth");
  const std::string objects = [] {
    std::string s;
    for (int i = 0; i < 100000; ++i) s += "{\"a\":";
    s += "1";
    s += std::string(100000, '}');
    return s;
  }();
  expect_everywhere(objects, "limit.depth");
  // 128 levels in all is fine, 129 is not.
  const auto nested = [](int n) { return std::string(n, '[') + std::string(n, ']'); };
  EXPECT_FALSE(has_code(caw::validate_text(body(R"([{"action":"send"}])", ",\"data\":" + nested(127))), "limit.depth"));
  expect_everywhere(body(R"([{"action":"send"}])", ",\"data\":" + nested(128)), "limit.depth");
  caw::Limits l;
  l.max_depth = 3;  // the root, automation, steps: a step object is one level too deep
  expect_everywhere(body(R"([{"action":"send"}])", R"(,"data":{"a":[1]})"), "limit.depth", l);
}

TEST(Limits, Steps) {
  std::string steps = "[";
  for (int i = 0; i < 10001; ++i) steps += std::string(i ? "," : "") + R"({"action":"send"})";
  steps += "]";
  expect_everywhere(body(steps), "limit.steps");
  caw::Limits l;
  l.max_steps = 2;
  expect_everywhere(body(R"([{"action":"send"},{"action":"send"},{"action":"send"}])"), "limit.steps", l);
  EXPECT_FALSE(has_code(caw::validate_text(body(R"([{"action":"send"},{"action":"send"}])"), caw::Level::Courier, l),
                        "limit.steps"));
}

TEST(Limits, StringBytesForValuesAndKeys) {
  const std::string huge(1024u * 1024 + 1, 'k');
  expect_everywhere(body(R"([{"action":"send"}])", ",\"data\":{\"v\":\"" + huge + "\"}"), "limit.string");
  expect_everywhere(body(R"([{"action":"send"}])", ",\"data\":{\"" + huge + "\":1}"), "limit.string");
  caw::Limits l;
  l.max_string_bytes = 8;
  expect_everywhere(body(R"([{"action":"send"}])", R"(,"data":{"v":"123456789"})"), "limit.string", l);
}

TEST(Limits, ExpressionLengthAndDepth) {
  caw::Limits l;
  EXPECT_TRUE(caw::expr::parse("true &&" + std::string(4089 - 7, ' ') + "true", l).ok);
  auto over = caw::expr::parse("true" + std::string(4093, ' '), l);
  EXPECT_FALSE(over.ok);
  EXPECT_NE(over.error.message.find("longer than 4096"), std::string::npos) << over.error.message;
  const std::string deep = std::string(65, '(') + "true" + std::string(65, ')');
  auto d = caw::expr::parse(deep, l);
  EXPECT_FALSE(d.ok);
  EXPECT_NE(d.error.message.find("deeper than 64"), std::string::npos) << d.error.message;
  l.max_expression_depth = 200;  // each parenthesis counts at least one level
  EXPECT_TRUE(caw::expr::parse(deep, l).ok);
  l.max_expression_bytes = 8;
  EXPECT_FALSE(caw::expr::parse("data.a === 1", l).ok);
  // In a dry run, a step whose `if` is over a limit is noted in the trace and taken as true
  // (as any expression outside the supported subset); validation checks only its type.
  const std::string deep_if =
      body(R"([{"action":"send","if":")" + std::string(5000, '(') + "true" + std::string(5000, ')') + R"("}])");
  EXPECT_TRUE(caw::validate_text(deep_if).valid());
  auto out = caw::sim::dry_run(deep_if, "");
  ASSERT_TRUE(out.ok) << out.text;
  EXPECT_NE(out.text.find("expression longer than 4096 bytes"), std::string::npos) << out.text;
  const std::string nested_if =
      body(R"([{"action":"send","if":")" + std::string(100, '(') + "true" + std::string(100, ')') + R"("}])");
  out = caw::sim::dry_run(nested_if, "");
  ASSERT_TRUE(out.ok) << out.text;
  EXPECT_NE(out.text.find("expression nested deeper than 64"), std::string::npos) << out.text;
}

json trace_of(const std::string& scenario, const std::string& options) {
  auto out = caw::sim::dry_run(scenario, options);
  EXPECT_TRUE(out.ok) << out.text;
  return caw::parse_text(out.text).value;
}

// T1 invokes T2 ... T20 sends: no cycle, so only the depth limit stops the chain.
std::string chain() {
  json templates = json::object();
  for (int i = 1; i < 20; ++i) {
    templates["T" + std::to_string(i)] = {
        {"automation", {{"steps", {{{"action", "invoke"}, {"template", "T" + std::to_string(i + 1)}}}}}}};
  }
  templates["T20"] = {{"automation", {{"steps", {{{"action", "send"}, {"template", "X"}}}}}}};
  return json{{"now", "2024-01-01T00:00:00Z"},
              {"fixtures", {{"templates", templates}}},
              {"invocations", {{{"templateId", "T1"}, {"request", {{"recipient", "u"}}}}}}}
      .dump();
}

// One run invoking a leaf template 20 times: 21 runs.
std::string fanout() {
  json steps = json::array();
  for (int i = 0; i < 20; ++i) steps.push_back({{"action", "invoke"}, {"template", "Leaf"}});
  return json{{"now", "2024-01-01T00:00:00Z"},
              {"fixtures",
               {{"templates", {{"Leaf", {{"automation", {{"steps", {{{"action", "send"}, {"template", "X"}}}}}}}}}}}},
              {"invocations", {{{"request", {{"recipient", "u"}, {"automation", {{"steps", steps}}}}}}}}}
      .dump();
}

TEST(Limits, SimulationRuns) {
  EXPECT_EQ(trace_of(fanout(), "")["runs"].size(), 21u);
  json t = trace_of(fanout(), R"({"limits":{"maxRuns":10}})");
  EXPECT_EQ(t["runs"].size(), 10u);
  ASSERT_TRUE(t.contains("error"));
  EXPECT_EQ(t["error"].get<std::string>().rfind("limit.runs:", 0), 0u) << t["error"];
}

TEST(Limits, SimulationEvents) {
  std::string inv = "[";
  for (int i = 0; i < 50; ++i) {
    inv += std::string(i ? "," : "") +
           R"({"request":{"recipient":"u","automation":{"steps":[{"action":"delay","duration":")" +
           std::to_string(i + 1) + R"( minutes"},{"action":"send","template":"T"}]}}})";
  }
  inv += "]";
  json t = trace_of(R"({"now":"2024-01-01T00:00:00Z","invocations":)" + inv + "}", R"({"limits":{"maxEvents":20}})");
  ASSERT_TRUE(t.contains("error"));
  EXPECT_EQ(t["error"].get<std::string>().rfind("limit.events:", 0), 0u) << t["error"];
}

TEST(Limits, InvokeDepthDefaultAndChanged) {
  json t = trace_of(chain(), "");
  // The run at depth 16 is the last; its invoke step fails with the depth error.
  EXPECT_EQ(t["runs"].size(), 17u);
  EXPECT_NE(t.dump().find("over the limit of 16"), std::string::npos);
  t = trace_of(chain(), R"({"limits":{"maxInvokeDepth":3}})");
  EXPECT_EQ(t["runs"].size(), 4u);
  EXPECT_NE(t.dump().find("over the limit of 3"), std::string::npos);
  t = trace_of(chain(), R"({"limits":{"maxInvokeDepth":19}})");
  EXPECT_EQ(t["runs"].size(), 20u);
  EXPECT_EQ(t["messages"].size(), 1u);
}

TEST(Limits, BadSimulationLimitOptionsAreRefused) {
  auto out = caw::sim::dry_run(chain(), R"({"limits":{"maxRuns":0}})");
  EXPECT_FALSE(out.ok);
  EXPECT_NE(out.text.find("options.limits"), std::string::npos) << out.text;
  out = caw::sim::dry_run(chain(), R"({"limits":{"maxEvents":-1}})");
  EXPECT_FALSE(out.ok);
}

}  // namespace
