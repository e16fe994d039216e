#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "report/problem.hpp"
#include "validate/judge.hpp"

namespace caw::rules {

// The courier-level rules (docs/courier-semantics.md section 6) that need more than the field
// table: one file per step kind, one for the run level. They run after the shape checks
// (validate/shape.cpp) and skip values of the wrong type (the shape checks have reported those).

// What the run level provides to every step (the fallbacks of section 1.2).
struct RunFacts {
  bool recipient = false;  // run-level "recipient" resolves
  bool template_ = false;  // run-level "template" resolves
  std::string_view token;  // automation.cancelation_token ("" when absent)
};

// One step: its node and its JSON Pointer.
struct StepAt {
  std::uint32_t node;
  const Path& at;
};

bool is_absolute_http_url(std::string_view url);

// delay.cpp: one value of `duration`/`delayFor`, `until`/`delayUntil`, at `path` / `offset`.
void check_duration(std::string_view value, const Path& path, std::uint32_t offset, Report& report);
void check_until(std::string_view value, const Path& path, std::uint32_t offset, Report& report);

void check_delay(Judge& j, const StepAt& step);
void check_send(Judge& j, const StepAt& step, const RunFacts& run);
void check_send_list(Judge& j, const StepAt& step, const RunFacts& run);
void check_update_profile(Judge& j, const StepAt& step, const RunFacts& run);
void check_cancel(Judge& j, const StepAt& step, const RunFacts& run);
void check_fetch_data(Judge& j, const StepAt& step);
void check_invoke(Judge& j, const StepAt& step);

// run.cpp: non-empty steps, unique refs, then every step's own rules.
void check_run(Judge& j);

}  // namespace caw::rules
