// Native dry-run benchmark: simulated steps per second (engine alone and end to end, text in
// to trace text out) and heap bytes per waiting run, for N = 10k, 100k, 1M generated runs.
// Prints one JSON object; bench/simulate.bench.mjs runs it and writes bench/results/.
// Scenario (same generator as bench/simulate.bench.mjs): N runs of delay 1 day + send, every
// 10th holding one of 1,000 shared cancelation tokens and canceled 12 hours later by 1,000
// cancel runs; every 20th starts with fetch-data (a fixture), every 20th (+10) with update-profile.
// Then the cancel-token case of issue 13, engine alone: 80k runs waiting on one shared token and
// 80k later runs each canceling it, against 80k runs each with its own token canceled once
// ("tokens": {"shared", "unrelated"} seconds; CAW_BENCH_TOKEN_RUNS changes the 80k).
#include <malloc.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <vector>

#include "json/parse_text.hpp"
#include "simulate/dry_run.hpp"
#include "simulate/scenario.hpp"

namespace {

std::string generate(std::size_t n) {
  std::string s =
      R"({"now":"2024-01-01T00:00:00Z","seed":1,"fixtures":{"webhooks":[{"method":"GET","url":"https://bench.test/user","response":{"plan":"pro"}}]},"invocations":[)";
  const std::size_t tokens = 1000;
  for (std::size_t i = 0; i < n; ++i) {
    if (i) s += ',';
    s += R"({"request":{"recipient":"user-)" + std::to_string(i) + R"(","template":"T","data":{"i":)" +
         std::to_string(i) + R"(},"automation":{)";
    if (i % 10 == 0) s += R"("cancelation_token":"tok-)" + std::to_string((i / 10) % tokens) + R"(",)";
    s += R"("steps":[)";
    if (i % 20 == 5) {
      s +=
          R"({"action":"fetch-data","webhook":{"url":"https://bench.test/user","method":"GET"},"merge_strategy":"overwrite"},)";
    } else if (i % 20 == 15) {
      s += R"({"action":"update-profile","recipient_id":"user-)" + std::to_string(i) +
           R"(","profile":{"seen":true},"merge":"overwrite"},)";
    }
    s += R"({"action":"delay","duration":"1 day"},{"action":"send"}]}}})";
  }
  for (std::size_t t = 0; t < tokens && t * 10 < n; ++t) {
    s +=
        R"(,{"at":"2024-01-01T12:00:00Z","request":{"recipient":"ops","automation":{"steps":[{"action":"cancel","cancelation_token":"tok-)" +
        std::to_string(t) + R"("}]}}})";
  }
  s += "]}";
  return s;
}

std::size_t heap_in_use() {
  struct mallinfo2 mi = mallinfo2();
  return mi.uordblks + mi.hblkhd;
}

// CPU time of this process, not wall time: the benchmark machine is shared (load average far
// above its 2 cores), and wall time there mostly measures the other tenants.
struct CpuClock {
  using time_point = double;
  static double now() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
  }
};

double seconds_since(double t0) {
  return CpuClock::now() - t0;
}

// Engine alone on the cancel-token case: invocations built from two compiled requests, then
// invoked and run to idle under the timer. Returns process CPU seconds.
double token_case(std::size_t n, bool shared) {
  caw::Report report;
  caw::sim::Options options = caw::sim::parse_options(nlohmann::json{{"detail", "summary"}}, report);
  caw::sim::ProgramCache cache;
  auto request = [](nlohmann::json steps, const std::string& token) {
    nlohmann::json r = {{"recipient", "u1"}, {"template", "T"}, {"automation", {{"steps", std::move(steps)}}}};
    if (!token.empty()) r["automation"]["cancelation_token"] = token;
    return r;
  };
  const nlohmann::json wait = {{{"action", "delay"}, {"duration", "1 day"}}, {{"action", "send"}}};
  std::vector<caw::sim::Invocation> invocations;
  invocations.reserve(2 * n);
  for (int wave = 0; wave < 2; ++wave) {
    for (std::size_t i = 0; i < n; ++i) {
      const std::string token = shared ? "shared" : "tok-" + std::to_string(i);
      caw::sim::Invocation inv;
      inv.at = caw::sim::kDefaultNow + wave * 12 * 3'600'000;
      inv.spec = caw::sim::spec_from_request(
          wave == 0 ? request(wait, token)
                    : request(nlohmann::json{{{"action", "cancel"}, {"cancelation_token", token}}}, ""),
          options.limits, cache);
      invocations.push_back(std::move(inv));
    }
  }
  caw::sim::Engine engine(options, {}, caw::sim::kDefaultNow, 1);
  const double t0 = CpuClock::now();
  for (caw::sim::Invocation& inv : invocations) engine.invoke(std::move(inv.spec), inv.at);
  engine.run_until_idle();
  return seconds_since(t0);
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::size_t> sizes = {10'000, 100'000, 1'000'000};
  if (argc > 1) {
    sizes.clear();
    for (int i = 1; i < argc; ++i) sizes.push_back(static_cast<std::size_t>(std::strtoull(argv[i], nullptr, 10)));
  }
  std::printf("{\"runtime\":\"native\",\"clock\":\"process CPU time\",\"results\":[");
  for (std::size_t k = 0; k < sizes.size(); ++k) {
    const std::size_t n = sizes[k];
    const std::string text = generate(n);
    caw::Report report;
    caw::sim::Options options = caw::sim::parse_options(nlohmann::json{{"detail", "summary"}}, report);

    // Engine alone: parse + validate outside the timer, then invoke, simulate to idle.
    malloc_trim(0);
    const std::size_t baseline = heap_in_use();
    auto t0 = CpuClock::now();
    caw::ParsedText doc = caw::parse_text(text, caw::sim::scenario_limits(options.limits));
    caw::sim::ScenarioParse parsed = caw::sim::parse_scenario(doc.value, options);
    doc.value = nullptr;
    const double parse_s = seconds_since(t0);
    if (!parsed.ok()) {
      std::fprintf(stderr, "scenario refused: %s\n", parsed.report.to_json().dump().substr(0, 2000).c_str());
      return 1;
    }
    caw::sim::Scenario& s = parsed.scenario;
    caw::sim::Engine engine(options, std::move(s.fixtures), s.now, s.seed);
    t0 = CpuClock::now();
    for (caw::sim::Invocation& inv : s.invocations) engine.invoke(std::move(inv.spec), inv.at);
    s.invocations.clear();
    s.invocations.shrink_to_fit();
    engine.advance_to(s.now);  // every run of the first wave reaches its delay
    double engine_s = seconds_since(t0);
    const std::size_t waiting = engine.waiting_runs();
    const std::size_t heap_waiting = heap_in_use() - baseline;
    t0 = CpuClock::now();
    engine.run_until_idle();
    engine_s += seconds_since(t0);
    const std::uint64_t steps = engine.steps_executed();
    t0 = CpuClock::now();
    std::string trace;
    engine.write_trace(trace);
    const double trace_s = seconds_since(t0);

    // End to end: scenario text in, trace text out, through the public one-shot function.
    t0 = CpuClock::now();
    caw::sim::DryRunOutcome out = caw::sim::dry_run(text, R"({"detail":"summary"})");
    const double e2e_s = seconds_since(t0);
    if (!out.ok) return 1;

    std::printf(
        "%s{\"n\":%zu,\"steps\":%llu,\"parseSeconds\":%.4f,\"engineSeconds\":%.4f,\"engineStepsPerSecond\":%.0f,"
        "\"traceSeconds\":%.4f,\"traceBytes\":%zu,\"endToEndSeconds\":%.4f,\"endToEndStepsPerSecond\":%.0f,"
        "\"waitingRuns\":%zu,\"bytesPerWaitingRun\":%.0f}",
        k ? "," : "", n, static_cast<unsigned long long>(steps), parse_s, engine_s,
        static_cast<double>(steps) / engine_s, trace_s, trace.size(), e2e_s, static_cast<double>(steps) / e2e_s,
        waiting, static_cast<double>(heap_waiting) / static_cast<double>(waiting ? waiting : 1));
    std::fflush(stdout);
  }
  const char* env = std::getenv("CAW_BENCH_TOKEN_RUNS");
  const std::size_t token_runs = env ? static_cast<std::size_t>(std::strtoull(env, nullptr, 10)) : 80'000;
  std::printf("],\"tokens\":{\"runs\":%zu,\"sharedSeconds\":%.4f,\"unrelatedSeconds\":%.4f}}\n", token_runs,
              token_case(token_runs, true), token_case(token_runs, false));
  return 0;
}
