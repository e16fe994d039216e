#pragma once
#include <cstdint>

#include "simulate/engine.hpp"

namespace caw::sim::steps {

// Everything a step handler may touch: the engine, the run, the step and its trace record.
struct StepContext {
  Engine& engine;
  std::uint32_t run_index;
  Run& run;
  const model::Step& step;
  StepRecord& record;
  // Whether the step's result is kept (refs.<ref>): without a ref, building it is wasted work.
  [[nodiscard]] bool keeps_ref() const { return model::literal(step.ref) != nullptr; }
};

// One handler per action (courier-semantics.md section 6), one file each.
StepResult delay(StepContext& c, const model::DelayStep& s);
StepResult send(StepContext& c, const model::SendStep& s);
StepResult send_list(StepContext& c, const model::SendListStep& s);
StepResult update_profile(StepContext& c, const model::UpdateProfileStep& s);
StepResult cancel(StepContext& c, const model::CancelStep& s);
StepResult fetch_data(StepContext& c, const model::FetchDataStep& s);
StepResult invoke(StepContext& c, const model::InvokeStep& s);

// fetch-data's second half: merges a response (or {} when it failed) into the run's data.
void finish_fetch(Engine& engine, Run& run, StepRecord& record, const json& request, const std::string& strategy,
                  const json& response, bool ok, json& ref);

}  // namespace caw::sim::steps
