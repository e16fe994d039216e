#include "schema/spec.hpp"

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

}  // namespace caw::spec
