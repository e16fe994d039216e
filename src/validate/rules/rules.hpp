#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "report/problem.hpp"
#include "validate/judge.hpp"

namespace caw::rules {

// The courier-level rules (docs/courier-semantics.md section 6) that need more than the tables
// (the field table and the closed shapes, validate/shape.cpp): one file per step kind that has
// any, one for the run level. They run after the table rules and skip values of the wrong type
// (those have been reported).

// What the run level gives every step.
struct RunFacts {
  std::string_view token;  // automation.cancelation_token ("" when absent)
};

// One step: its node and its JSON Pointer.
struct StepAt {
  std::uint32_t node;
  const Path& at;
};

void check_delay(Judge& j, const StepAt& step);
void check_send(Judge& j, const StepAt& step);
void check_cancel(Judge& j, const StepAt& step, const RunFacts& run);
void check_fetch_data(Judge& j, const StepAt& step);

// run.cpp: the request's override, non-empty steps, unique refs, then every step's own rules.
void check_run(Judge& j);

}  // namespace caw::rules
