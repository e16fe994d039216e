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
    {"fetch-data.webhook.body.object", W, C},
    {"fetch-data.merge_strategy.none", W, C},
    // run level (validate/rules/run.cpp)
    {"automation.steps.empty", E, C},
    {"step.ref.empty", E, C},
    {"step.ref.duplicate", E, C},
    {"step.if.unsupported", W, C},
    // delay (validate/rules/delay.cpp)
    {"delay.timing.missing", E, C},
    {"delay.timing.conflict", E, C},
    {"delay.duration.iso8601", E, C},
    {"delay.duration.seconds", E, C},
    {"delay.duration.format", E, C},
    {"delay.until.format", E, C},
    {"delay.until.impossible", E, C},
    {"delay.until.no_offset", W, C},
    {"delay.until.basic_format", W, C},
    // send (validate/rules/send.cpp)
    {"send.recipient.missing", E, C},
    {"send.template.missing", E, C},
    // send-list (validate/rules/send_list.cpp)
    {"send-list.list.empty", E, C},
    {"send-list.template.missing", E, C},
    // update-profile (validate/rules/update_profile.cpp)
    {"update-profile.recipient.missing", E, C},
    // cancel (validate/rules/cancel.cpp)
    {"cancel.token.empty", E, C},
    {"cancel.token.self", W, C},
    // fetch-data (validate/rules/fetch_data.cpp)
    {"fetch-data.webhook.url", E, C},
    // invoke (validate/rules/invoke.cpp)
    {"invoke.template.empty", E, C},
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
