#include "simulate/validate_request.hpp"

#include <algorithm>
#include <string_view>

#include "expr/expr.hpp"
#include "json/pointer.hpp"
#include "util/decimal.hpp"
#include "validate/validate.hpp"
#include "validate/validate_json.hpp"

namespace caw::sim {

std::string unsupported_if(const nlohmann::json& step) {
  if (!step.is_object()) return {};
  const auto cond = step.find("if");
  if (cond == step.end() || !cond->is_string()) return {};
  const expr::ParseResult parsed = expr::parse(cond->get_ref<const std::string&>());
  if (parsed.ok) return {};
  return "The dry run cannot evaluate this \"if\" (" + parsed.error.message + ", at character " +
         decimal(parsed.error.offset + 1) + "); it will be treated as true";
}

namespace {

// `if` runs as JavaScript in Courier's engine; the dry run evaluates a safe subset. Anything
// outside it is a warning of the dry run (it may well be valid JavaScript, so the validator,
// which says what Courier does, does not raise it), located in the expression.
void check_ifs(const nlohmann::json& request, Report& report) {
  const auto automation = request.find("automation");
  if (automation == request.end() || !automation->is_object()) return;
  const auto steps = automation->find("steps");
  if (steps == automation->end() || !steps->is_array()) return;
  for (std::size_t i = 0; i < steps->size(); ++i) {
    std::string message = unsupported_if((*steps)[i]);
    if (message.empty()) continue;
    report.warning("step.if.unsupported", child_pointer("/automation/steps", i) + "/if", std::move(message),
                   "use literals, member access (data.x, refs.name.status), comparisons, &&, ||, ! and parentheses");
  }
}

Report judged(const nlohmann::json& request, const Limits& limits) {
  Report report = validate_json(request, Level::Courier, limits);
  check_ifs(request, report);
  canonical_order(report);
  return report;
}

}  // namespace

// A payload Courier would refuse with a 400 is refused here too, never half-simulated.
Report validate_request(const nlohmann::json& request, const Limits& limits) {
  return judged(request, limits);
}

Report validate_template(const nlohmann::json& request, const Limits& limits) {
  Report report = judged(request, limits);
  // Supplied at invoke time: the invoking body's recipient/template, or the parent's context (the
  // filling of section 1.12; update-profile's recipient_id is not filled, so it stays an error).
  constexpr std::string_view kResolvedLater[] = {"send.recipient.missing", "send.template.missing",
                                                 "send-list.template.missing"};
  auto& errors = report.errors();
  errors.erase(std::remove_if(errors.begin(), errors.end(),
                              [&](const Problem& p) {
                                return std::find(std::begin(kResolvedLater), std::end(kResolvedLater), p.code) !=
                                       std::end(kResolvedLater);
                              }),
               errors.end());
  return report;
}

}  // namespace caw::sim
