#include "simulate/validate_request.hpp"

#include <algorithm>
#include <string_view>

#include "validate/validate.hpp"

namespace caw::sim {

// A payload Courier would refuse with a 400 is refused here too, never half-simulated.
Report validate_request(const nlohmann::json& request, const Limits& limits) {
  return validate_json(request, Level::Courier, limits);
}

Report validate_template(const nlohmann::json& request, const Limits& limits) {
  Report report = validate_json(request, Level::Courier, limits);
  // Supplied at invoke time: the invoking body's recipient/template, or the parent's context.
  constexpr std::string_view kResolvedLater[] = {"send.recipient.missing", "send.template.missing",
                                                 "send-list.template.missing", "update-profile.recipient.missing"};
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
