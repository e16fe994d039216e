#include "schema/closed.hpp"

namespace caw::spec {

namespace {

#include "schema/closed_tables.generated.inc"

}  // namespace

const ClosedShape* closed_step(std::string_view action) {
  for (const ClosedShape* s : kStepShapes) {
    if (same_name(s->name, action)) return s;
  }
  return nullptr;
}

Names every_step() {
  return Names{kEveryStep, sizeof(kEveryStep) / sizeof(kEveryStep[0])};
}

}  // namespace caw::spec
