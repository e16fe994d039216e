#include "simulate/validate_request.hpp"

#include "schema/check.hpp"

namespace caw::sim {

Report validate_request(const nlohmann::json& request, const Limits& limits) {
  Report report;
  check_request_shape(request, Level::Courier, limits,
                      report);  // -> caw::validate_json(request, Level::Courier, limits)
  return report;
}

}  // namespace caw::sim
