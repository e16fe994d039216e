#include "validate/rules/rules.hpp"

namespace caw::rules {

void check_send_list(Judge& j, const StepAt& step, const RunFacts& run) {
  const std::uint32_t list = j.string_member(step.node, "list");
  if (list != facts::kNone && j.node(list).text.empty()) {
    j.error("send-list.list.empty", Path(step.at, "list"), j.node(list).begin, "\"list\" is empty",
            "give the Courier list id");
  }
  if (!run.template_ && !j.resolves(j.member(step.node, "template"))) {
    j.error("send-list.template.missing", step.at, j.node(step.node).begin,
            "The send-list step has no template, and the request has no run-level \"template\"; Courier "
            "requires one (the OpenAPI omits it)",
            R"(add "template": "<template id>" to the step or to the request)");
  }
}

}  // namespace caw::rules
