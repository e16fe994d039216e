// The dry run through Embind: a one-shot function and a stepwise Simulator class over
// caw::sim::Session. All data crosses as JSON text; nothing throws.
#include <emscripten/bind.h>
#include <malloc.h>

#include <string>

#include "simulate/dry_run.hpp"
#include "simulate/session.hpp"

namespace {

struct DryRunResult {
  bool ok = false;
  std::string text;  // the trace, or the report when !ok
};

DryRunResult dry_run_text(const std::string& scenario, const std::string& options) {
  caw::sim::DryRunOutcome out = caw::sim::dry_run(scenario, options);
  return DryRunResult{out.ok, std::move(out.text)};
}

// Bytes in use on the wasm heap (dlmalloc's mallinfo), for the benchmark's bytes per waiting run.
double heap_bytes() {
  struct mallinfo mi = mallinfo();
  return static_cast<double>(mi.uordblks);
}

class Simulator {
 public:
  Simulator(const std::string& scenario, const std::string& options) : session_(scenario, options) {}
  bool ok() const { return session_.ok(); }
  std::string report() const { return session_.report(); }
  std::string invoke(const std::string& invocation) { return session_.invoke(invocation); }
  std::string advance(const std::string& what) { return session_.advance(what); }
  std::string resolveTime(const std::string& what) const { return session_.resolve_time(what); }
  bool idle() const { return session_.idle(); }
  void runUntilIdle() { session_.run_until_idle(); }
  std::string pendingFetch() const { return session_.pending_fetch(); }
  bool resolveFetch(const std::string& response, bool ok) { return session_.resolve_fetch(response, ok); }
  std::string trace() const { return session_.trace(); }
  std::string now() const { return session_.now(); }
  double stepsExecuted() { return session_.engine() ? static_cast<double>(session_.engine()->steps_executed()) : 0; }

 private:
  caw::sim::Session session_;
};

}  // namespace

EMSCRIPTEN_BINDINGS(courier_automations_simulator) {
  emscripten::value_object<DryRunResult>("DryRunResult")
      .field("ok", &DryRunResult::ok)
      .field("text", &DryRunResult::text);
  emscripten::function("dryRun", &dry_run_text);
  emscripten::function("heapBytes", &heap_bytes);
  emscripten::class_<Simulator>("Simulator")
      .constructor<const std::string&, const std::string&>()
      .function("ok", &Simulator::ok)
      .function("report", &Simulator::report)
      .function("invoke", &Simulator::invoke)
      .function("advance", &Simulator::advance)
      .function("runUntilIdle", &Simulator::runUntilIdle)
      .function("resolveTime", &Simulator::resolveTime)
      .function("idle", &Simulator::idle)
      .function("pendingFetch", &Simulator::pendingFetch)
      .function("resolveFetch", &Simulator::resolveFetch)
      .function("trace", &Simulator::trace)
      .function("now", &Simulator::now)
      .function("stepsExecuted", &Simulator::stepsExecuted);
}
