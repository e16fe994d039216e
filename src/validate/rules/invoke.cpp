#include "validate/rules/rules.hpp"

namespace caw::rules {

void check_invoke(Judge& j, const StepAt& step) {
  const std::uint32_t t = j.string_member(step.node, "template");
  if (t != facts::kNone && j.node(t).text.empty()) {
    j.error("invoke.template.empty", Path(step.at, "template"), j.node(t).begin, "\"template\" is empty",
            "give the id of the automation template to invoke");
  }
}

}  // namespace caw::rules
