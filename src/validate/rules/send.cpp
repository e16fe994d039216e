// Send steps in the V2 form (`message`: a whole Send API message). Courier skips the step schemas
// for them and hands the message to the Send API (docs/courier-semantics.md sections 1.2, 1.12
// step 6, 6). The legacy form is all table: its closed shape, filled from the run (validate/shape.cpp).
#include "schema/closed.hpp"
#include "util/text.hpp"
#include "validate/rules/rules.hpp"

namespace caw::rules {

void check_send(Judge& j, const StepAt& step) {
  const spec::ClosedShape& legacy = *spec::closed_step("send");
  const std::uint32_t message = j.present(step.node, legacy.v2_form);
  if (message == facts::kNone) return;
  const facts::Node& m = j.node(message);
  const Path at(step.at, legacy.v2_form);
  j.warning("send.message.not_in_openapi", at, m.begin,
            "The OpenAPI does not model the V2 send form (\"message\"); Courier's engine accepts it",
            "expect clients that follow the OpenAPI to refuse this step");
  for (std::uint32_t c = j.node(step.node).first; c != facts::kNone; c = j.node(c).next) {
    const facts::Node& v = j.node(c);
    if (v.shadowed || v.key == "action" || !legacy.find(v.key)) continue;
    j.error("send.message.legacy_field", Path(step.at, v.key), v.begin,
            cat({"A V2 send step (\"message\") cannot also carry the legacy field \"", v.key,
                 "\": Courier reads only the message"}),
            cat({"move it into \"message\" or remove it"}));
  }
  if (m.type != facts::Type::Object) return;  // schema.type
  const std::uint32_t begin = m.begin;
  if (j.present(message, "to") == facts::kNone && !j.resolves(j.member(0, "recipient"))) {
    j.error("send.recipient.missing", at, begin,
            "The V2 send step's message has no \"to\", and the request has no \"recipient\": Courier cannot "
            "send it",
            R"(add "to": {"user_id": "..."} to the message, or "recipient" to the request)");
  }
  if (!j.resolves(j.member(message, "template")) && j.present(message, "content") == facts::kNone &&
      !j.resolves(j.member(0, "template"))) {
    j.error("send.template.missing", at, begin,
            "The V2 send step's message has neither \"template\" nor \"content\", and the request has no "
            "\"template\": Courier has nothing to send",
            R"(add "template": "<template id>" or "content": {...} to the message)");
  }
}

}  // namespace caw::rules
