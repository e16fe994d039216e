// invoke: a child run of a template fixture at the same virtual instant, with the parent's
// context plus the step's `context`; a cycle or depth over Limits::max_invoke_depth is an ERROR.
#include "simulate/merge.hpp"
#include "simulate/steps/steps.hpp"

namespace caw::sim::steps {

StepResult invoke(StepContext& c, const model::InvokeStep& s) {
  StepResult result;
  Engine& e = c.engine;
  auto name = e.resolve(c.run, s.template_id, c.record, "template");
  if (!name || name->empty()) {
    c.record.note("invoke without a template");
    result.outcome = Outcome::Error;
    return result;
  }
  auto fixture = e.fixtures().templates.find(*name);
  if (fixture == e.fixtures().templates.end()) {
    c.record.note("no automation template fixture \"" + *name + "\"");
    result.outcome = Outcome::Error;
    return result;
  }
  // A cycle: the template is already running somewhere up this run's invoke chain.
  for (std::int32_t r = static_cast<std::int32_t>(c.run_index); r >= 0; r = e.runs()[r].parent) {
    if (e.runs()[r].template_name == *name) {
      c.record.note("Invoke steps cannot create invocation cycles.: \"" + *name + "\" is already in this chain");
      result.outcome = Outcome::Error;
      return result;
    }
  }
  RunSpec spec = fixture->second.spec;
  // Layers, later wins: template defaults <- parent context <- step context.
  auto layer = [&spec](const json& data, const json& profile, const json& recipient, const json& brand,
                       const json& template_id) {
    if (data.is_object()) spec.data = shallow_merge(spec.data, data);
    if (profile.is_object()) spec.profile = shallow_merge(spec.profile, profile);
    if (recipient.is_string()) spec.recipient = recipient;
    if (brand.is_string()) spec.brand = brand;
    if (template_id.is_string()) spec.template_id = template_id;
  };
  layer(c.run.data, c.run.profile(), c.run.recipient, c.run.brand(), c.run.template_id);
  if (const json* ctx = s.context.get(); ctx != nullptr && ctx->is_object()) {
    auto get = [ctx](const char* key) {
      auto it = ctx->find(key);
      return it == ctx->end() ? json() : *it;
    };
    layer(get("data"), get("profile"), get("recipient"), get("brand"), get("template"));
  }
  std::string error;
  auto child = e.start_child(std::move(spec), c.run_index, error);
  if (!child) {
    c.record.note(error);
    result.outcome = Outcome::Error;
    return result;
  }
  const std::string id = e.runs()[*child].id.str();
  if (e.full()) {
    c.record.input() = json{{"template", *name}, {"context", s.context.get() ? *s.context.get() : json()}};
    c.record.output() = json{{"runId", id}};
  }
  if (c.keeps_ref()) result.ref = json{{"runId", id}};
  return result;
}

}  // namespace caw::sim::steps
