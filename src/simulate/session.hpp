#pragma once
#include <memory>
#include <string>
#include <string_view>

#include "simulate/engine.hpp"
#include "simulate/scenario.hpp"

namespace caw::sim {

// Stepwise control over one simulation (the JS Simulator class wraps this through Embind):
// open a scenario (possibly with no invocations), invoke more, advance the clock, answer
// pending fetch-data steps, read the trace. Every input and output is JSON text.
class Session {
 public:
  // ok() is false when the scenario or options were refused; report() says why.
  Session(std::string_view scenario_text, std::string_view options_text);

  [[nodiscard]] bool ok() const { return engine_ != nullptr; }
  [[nodiscard]] const std::string& report() const { return report_; }

  // {at?, templateId?, request} or a bare ad hoc body -> {"ok":true,"runId":"..."|null} or
  // {"ok":false,"report":{...}}.
  std::string invoke(std::string_view invocation_text);
  // A duration ("1 day") or an ISO 8601 instant. Returns "" or an error message.
  std::string advance(std::string_view what);
  // The instant `what` (a duration from now, or an ISO 8601 instant) names, as ISO text; "" if neither.
  [[nodiscard]] std::string resolve_time(std::string_view what) const;
  void run_until_idle();
  // The pending fetch-data request {method, url, headers?, body?, params?} as JSON, or "".
  [[nodiscard]] std::string pending_fetch() const;
  bool resolve_fetch(std::string_view response_text, bool ok);
  [[nodiscard]] std::string trace() const;
  [[nodiscard]] std::string now() const;
  [[nodiscard]] bool idle() const { return engine_ == nullptr || engine_->idle(); }
  [[nodiscard]] Engine* engine() { return engine_.get(); }

 private:
  std::unique_ptr<Engine> engine_;
  Options options_;
  ProgramCache cache_;
  Report warnings_;
  std::string report_;
};

}  // namespace caw::sim
