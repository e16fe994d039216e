#include "validate/rules/rules.hpp"

namespace caw::rules {

void check_send(Judge& j, const StepAt& step, const RunFacts& run) {
  // The V2 form carries a whole Send API message: recipient and template live inside it.
  const std::uint32_t message = j.member(step.node, "message");
  if (message != facts::kNone && j.node(message).type == facts::Type::Object) return;
  const std::uint32_t begin = j.node(step.node).begin;
  if (!run.recipient && !j.resolves(j.member(step.node, "recipient"))) {
    j.error("send.recipient.missing", step.at, begin,
            "The send step has no recipient, and the request has no run-level \"recipient\"; Courier answers 400",
            R"(add "recipient": "<user id>" to the step or to the request)");
  }
  if (!run.template_ && !j.resolves(j.member(step.node, "template"))) {
    j.error("send.template.missing", step.at, begin,
            "The send step has no template, and the request has no run-level \"template\"",
            R"(add "template": "<template id>" to the step or to the request)");
  }
}

}  // namespace caw::rules
