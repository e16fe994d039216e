#include "validate/fill.hpp"

#include "validate/judge.hpp"

namespace caw {

namespace {

using facts::kNone;
using facts::Type;

// JavaScript truthiness: "", false, 0 and null are falsy (facts::Node::falsy).
bool truthy(const facts::Node& n) {
  return n.truthy();
}

}  // namespace

Filled fill(const Judge& j, std::uint32_t step, const spec::ClosedProperty& p) {
  const std::uint32_t own = j.member(step, p.name);
  const bool own_nullish = own == kNone || j.node(own).type == Type::Null;
  const std::uint32_t run = p.fill == spec::Fill::None ? kNone : j.member(0, p.name);
  switch (p.fill) {
    case spec::Fill::None: return Filled{own};
    case spec::Fill::Nullish:
      if (!own_nullish) return Filled{own};
      break;
    case spec::Fill::Truthy:
      if (own != kNone && truthy(j.node(own))) return Filled{own};
      break;
    case spec::Fill::DefaultObject: return own_nullish ? Filled{kNone, false, true} : Filled{own};
    case spec::Fill::DeepExtend:
      // deep-extend ignores a step value that is not an object when the run has one.
      if (run != kNone && j.node(run).type == Type::Object) return Filled{kNone, true, true};
      return own_nullish ? Filled{kNone, false, true} : Filled{own};
  }
  // The run's value (absent, null or set) replaces the step's.
  return Filled{run, true};
}

}  // namespace caw
