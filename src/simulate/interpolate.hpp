#pragma once
#include <string>
#include <string_view>

#include "expr/expr.hpp"
#include "limits.hpp"

namespace caw::sim {

// A string with JavaScript template interpolation, as Courier documents for dynamic cancelation
// tokens (courier-semantics.md 1.6, 1.9): every `${expression}` is replaced by the expression's
// value over the run's context, read as String(value) reads it; a backtick template inside
// (`${`onboarding-${data.userId}`}`) is interpolated in turn. Text without `${` comes back as is.
// `problem` receives what could not be read (an expression outside the dry run's subset, an
// undefined value), for the trace.
std::string interpolate(std::string_view text, const expr::Scope& scope, const Limits& limits, std::string& problem);

}  // namespace caw::sim
