// The dry run through Embind: a one-shot function and a stepwise Simulator class over
// caw::sim::Session. All data crosses as JSON text; nothing throws.
#include <emscripten/bind.h>
#include <malloc.h>

#include <cstdint>
#include <string>
#include <string_view>

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

// The dry run over bytes the caller wrote into linear memory (malloc'd), its trace or report
// left here for the caller to read as bytes (a TextDecoder over HEAPU8): no Embind string
// conversion either way. Delete it once read.
class DryRunBytes {
 public:
  explicit DryRunBytes(caw::sim::DryRunOutcome out) : out_(std::move(out)) {}
  bool ok() const { return out_.ok; }
  std::size_t data() const { return reinterpret_cast<std::uintptr_t>(out_.text.data()); }
  std::size_t size() const { return out_.text.size(); }
  // A summary trace's arrays: [runsBegin, runsEnd, messagesBegin, messagesEnd], or all 0.
  std::size_t section(int i) const {
    const caw::sim::SummaryLayout& l = out_.layout;
    return i == 0 ? l.runs_begin : i == 1 ? l.runs_end : i == 2 ? l.messages_begin : l.messages_end;
  }

 private:
  caw::sim::DryRunOutcome out_;
};

DryRunBytes dry_run_bytes(std::size_t scenario, std::size_t size, const std::string& options) {
  const std::string_view text(reinterpret_cast<const char*>(static_cast<std::uintptr_t>(scenario)), size);
  return DryRunBytes(caw::sim::dry_run(text, options));
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
  // The trace left in linear memory for the caller to read as bytes (see DryRunBytes).
  DryRunBytes traceBytes() const {
    caw::sim::DryRunOutcome out;
    out.ok = true;
    out.text = session_.trace();
    return DryRunBytes(std::move(out));
  }
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
  emscripten::class_<DryRunBytes>("DryRunBytes")
      .function("ok", &DryRunBytes::ok)
      .function("data", &DryRunBytes::data)
      .function("size", &DryRunBytes::size)
      .function("section", &DryRunBytes::section);
  emscripten::function("dryRunBytes", &dry_run_bytes);
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
      .function("traceBytes", &Simulator::traceBytes)
      .function("now", &Simulator::now)
      .function("stepsExecuted", &Simulator::stepsExecuted);
}
