#pragma once
#include <cstdint>

#include "schema/closed.hpp"
#include "validate/facts.hpp"

namespace caw {

class Judge;

// One property of a step as Courier's invoke handler fills it from the run context (the request's
// brand, data, profile, recipient, template) before checking the step against its closed shape
// (docs/courier-semantics.md section 1.12 step 5; the kinds are spec::Fill). What matters for
// validation is which value the step ends up with: the step's, the run's, or an object made up by
// the filling (deep-extend, default {}).
struct Filled {
  std::uint32_t node = facts::kNone;  // the value's node: the step's member or the run's
  bool from_run = false;              // the step's own value gave way to the run's (whatever that is)
  bool object = false;                // an object made up by the filling: no node

  [[nodiscard]] bool absent() const { return node == facts::kNone && !object; }
};

Filled fill(const Judge& judge, std::uint32_t step, const spec::ClosedProperty& property);

}  // namespace caw
