#include "check.hpp"
#include "rules/oracle_rules.hpp"

namespace caw::oracle::rules {

bool resolves(const nlohmann::json& value) {
  if (value.is_string()) return !value.get_ref<const std::string&>().empty();
  return is_accessor(value);
}

bool step_resolves(const nlohmann::json& step, const char* name) {
  auto it = step.find(name);
  return it != step.end() && resolves(*it);
}

}  // namespace caw::oracle::rules
