#include "validate/codes.hpp"

namespace caw::codes {

namespace {

constexpr Severity E = Severity::Error;
constexpr Severity W = Severity::Warning;
constexpr Level S = Level::Schema;
constexpr Level C = Level::Courier;

constexpr CodeInfo kCodes[] = {
    // JSON text and limits (json/parse_text.cpp, schema/check.cpp)
    {"json.syntax", E, S},
    {"json.utf8", E, S},
    {"json.duplicate_key", W, S},
    {"limit.payload_bytes", E, S},
    {"limit.depth", E, S},
    {"limit.string", E, S},
    {"limit.steps", E, S},
    // shape (schema/check.cpp, reading schema/spec.cpp)
    {"schema.type", E, S},
    {"schema.required", E, S},
    {"schema.enum", E, S},
    {"step.action.unknown", E, S},
    {"schema.unknown_property", W, C},
    {"property.deprecated", W, C},
    {"cancel.token.spelling", W, C},
    // where the OpenAPI and Courier's engine disagree (validate/shape.cpp)
    {"contract.openapi_stricter", W, C},
    {"contract.contradiction", W, C},
    // closed shapes, steps filled from the run (validate/shape.cpp, validate/fill.cpp, schema/closed)
    {"step.property.unknown", E, C},
    {"step.property.missing", E, C},
    {"step.property.null", E, C},
    {"step.property.empty", E, C},
    {"step.action.engine_only", W, C},
    {"webhook.url.empty", E, C},
    // run level (validate/rules/run.cpp)
    {"request.override", E, C},
    {"automation.steps.empty", E, C},
    {"step.ref.empty", E, C},
    {"step.ref.duplicate", E, C},
    {"step.if.unsupported", W, C},
    // delay: the closed shape's codes (delay.timing.*) and validate/rules/delay.cpp
    {"delay.timing.missing", E, C},
    {"delay.timing.conflict", E, C},
    {"delay.duration.iso8601", E, C},
    {"delay.duration.seconds", E, C},
    {"delay.duration.format", E, C},
    {"delay.until.format", E, C},
    {"delay.until.impossible", E, C},
    {"delay.until.no_offset", W, C},
    {"delay.until.basic_format", E, C},
    // instants outside years 0000-9999 (time/civil.hpp): the validator and the dry run (steps/delay.cpp)
    {"time.out_of_range", E, C},
    // send: the closed shape's codes (spec/engine.json) and the V2 form (validate/rules/send.cpp)
    {"send.recipient.missing", E, C},
    {"send.template.missing", E, C},
    {"send.message.legacy_field", E, C},
    {"send.message.not_in_openapi", W, C},
    // send-list, update-profile, invoke: the closed shapes' codes (spec/engine.json)
    {"send-list.list.empty", E, C},
    {"send-list.template.missing", E, C},
    {"update-profile.recipient.missing", E, C},
    {"invoke.template.empty", E, C},
    // cancel: the closed shape's codes, and validate/rules/cancel.cpp
    {"cancel.token.empty", E, C},
    {"cancel.token.conflict", E, C},
    {"cancel.token.self", W, C},
    // fetch-data (validate/rules/fetch_data.cpp)
    {"fetch-data.webhook.url.not_https", W, C},
    // dry-run scenarios and options (simulate/scenario.cpp, simulate/session.cpp); no level applies,
    // they are listed as courier so every reported code has one registry entry
    {"scenario.shape", E, C},
    {"scenario.time", E, C},
    {"scenario.seed", E, C},
    {"scenario.fixtures", E, C},
    {"scenario.invocation", E, C},
    {"scenario.template", E, C},
    {"options.type", E, C},
    {"options.detail", E, C},
    {"options.now", E, C},
    {"options.seed", E, C},
    {"options.limits", E, C},
    {"simulator.closed", E, C},
    // the dry run's own bounds (simulate/engine.cpp): the trace's "error", not a report problem
    {"limit.runs", E, C},
    {"limit.events", E, C},
    {"limit.memory", E, C},
};

}  // namespace

const CodeInfo* all() {
  return kCodes;
}
std::size_t count() {
  return sizeof(kCodes) / sizeof(kCodes[0]);
}
const CodeInfo* find(std::string_view code) {
  for (const CodeInfo& c : kCodes) {
    if (c.code == code) return &c;
  }
  return nullptr;
}

}  // namespace caw::codes
