#include "schema/spec.hpp"

#include <vector>

#include "util/did_you_mean.hpp"

namespace caw::spec {

namespace {

#include "schema/spec_tables.generated.inc"

}  // namespace

const ObjectSpec& request() {
  return kRequest;
}
const ObjectSpec& automation() {
  return kAutomation;
}
const ObjectSpec& webhook() {
  return kWebhook;
}
const ObjectSpec& step_common() {
  return kStepCommon;
}

const ObjectSpec& step(Action action) {
  return kSteps[static_cast<std::size_t>(action)];  // kSteps is generated in Action order
}

const ObjectSpec* step(std::string_view action) {
  const std::optional<Action> a = action_named(action);
  return a ? &step(*a) : nullptr;
}

std::string nearest_field(std::string_view name, const ObjectSpec& object, const ObjectSpec* extra) {
  std::vector<std::string_view> names;
  for (const FieldSpec& f : object) names.push_back(f.name);
  if (extra) {
    for (const FieldSpec& f : *extra) names.push_back(f.name);
  }
  return did_you_mean(name, names);
}

}  // namespace caw::spec
