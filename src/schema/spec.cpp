#include "schema/spec.hpp"

namespace caw::spec {

namespace {

constexpr Origin O = Origin::OpenApi;
constexpr Origin E = Origin::Engine;
constexpr bool REQ = true;
constexpr bool OPT = false;
constexpr bool NUL = true;
constexpr bool NOTNULL = false;

constexpr std::string_view kDelayAction[] = {"delay"};
constexpr std::string_view kSendAction[] = {"send"};
constexpr std::string_view kSendListAction[] = {"send-list"};
constexpr std::string_view kUpdateProfileAction[] = {"update-profile"};
constexpr std::string_view kCancelAction[] = {"cancel"};
constexpr std::string_view kFetchDataAction[] = {"fetch-data"};
constexpr std::string_view kInvokeAction[] = {"invoke"};

constexpr std::string_view kProfileMerge[] = {"none", "overwrite", "soft-merge", "replace"};
constexpr std::string_view kFetchMerge[] = {"replace", "overwrite", "soft-merge"};
constexpr std::string_view kMethods[] = {"GET", "POST", "PUT", "PATCH", "DELETE"};

#define CAW_ENUM(arr) arr, sizeof(arr) / sizeof(arr[0])
#define CAW_SPEC(name, arr)                 \
  ObjectSpec {                              \
    name, arr, sizeof(arr) / sizeof(arr[0]) \
  }

// ---- AutomationWebhookParams
constexpr FieldSpec kWebhookFields[] = {
    {"url", Type::String, REQ, NOTNULL, O},
    {"method", Type::String, REQ, NOTNULL, O, CAW_ENUM(kMethods)},
    {"headers", Type::StringMap, OPT, NUL, O},
    {"body", Type::String, OPT, NUL, O, nullptr, 0, nullptr, {}, true},  // engine: object too (warning)
    {"params", Type::Object, OPT, NUL, E},
};
constexpr ObjectSpec kWebhook = CAW_SPEC("AutomationWebhookParams", kWebhookFields);

// ---- steps
constexpr FieldSpec kDelayFields[] = {
    {"action", Type::String, REQ, NOTNULL, O, CAW_ENUM(kDelayAction)},
    {"duration", Type::String, OPT, NUL, O},
    {"until", Type::String, OPT, NUL, O},
    {"delayFor", Type::String, OPT, NUL, E, nullptr, 0, nullptr, "duration"},
    {"delayUntil", Type::String, OPT, NUL, E, nullptr, 0, nullptr, "until"},
};

constexpr FieldSpec kSendFields[] = {
    {"action", Type::String, REQ, NOTNULL, O, CAW_ENUM(kSendAction)},
    {"template", Type::String, OPT, NUL, O},
    {"brand", Type::String, OPT, NUL, O},
    {"data", Type::Object, OPT, NUL, O},
    {"profile", Type::Object, OPT, NUL, O},
    {"recipient", Type::String, OPT, NUL, O},
    {"override", Type::Object, OPT, NUL, E},
    {"message", Type::Object, OPT, NUL, E},  // the V2 form: a whole Send API message
    {"idempotency_key", Type::String, OPT, NUL, E},
    {"idempotency_expiry", Type::String, OPT, NUL, E},
};

constexpr FieldSpec kSendListFields[] = {
    {"action", Type::String, REQ, NOTNULL, O, CAW_ENUM(kSendListAction)},
    {"list", Type::String, REQ, NOTNULL, O},
    {"data", Type::Object, OPT, NUL, O},
    {"brand", Type::String, OPT, NUL, O},
    {"template", Type::String, OPT, NUL, E},  // required by the engine, absent from the OpenAPI
    {"override", Type::Object, OPT, NUL, E},
    {"data_source", Type::Object, OPT, NUL, E},
    {"idempotency_key", Type::String, OPT, NUL, E},
    {"idempotency_expiry", Type::String, OPT, NUL, E},
};

constexpr FieldSpec kUpdateProfileFields[] = {
    {"action", Type::String, REQ, NOTNULL, O, CAW_ENUM(kUpdateProfileAction)},
    {"recipient_id", Type::String, OPT, NUL, O},
    {"merge", Type::String, OPT, NUL, O, CAW_ENUM(kProfileMerge)},
    {"profile", Type::Object, REQ, NOTNULL, O},
};

constexpr FieldSpec kCancelFields[] = {
    {"action", Type::String, REQ, NOTNULL, O, CAW_ENUM(kCancelAction)},
    {"cancelation_token", Type::String, REQ, NOTNULL, O},
    {"cancelationToken", Type::String, OPT, NUL, E, nullptr, 0, nullptr, "cancelation_token"},
};

constexpr FieldSpec kFetchDataFields[] = {
    {"action", Type::String, REQ, NOTNULL, O, CAW_ENUM(kFetchDataAction)},
    {"webhook", Type::Nested, REQ, NOTNULL, O, nullptr, 0, &kWebhook},
    // "none" is engine-only: a warning at the courier level, an enum error at the schema level.
    {"merge_strategy", Type::String, OPT, NUL, O, CAW_ENUM(kFetchMerge), nullptr, {}, false, "none"},
    {"idempotency_key", Type::String, OPT, NUL, E},
    {"idempotency_expiry", Type::String, OPT, NUL, E},
};

constexpr FieldSpec kInvokeFields[] = {
    {"action", Type::String, REQ, NOTNULL, O, CAW_ENUM(kInvokeAction)},
    {"template", Type::String, REQ, NOTNULL, O},
    {"context", Type::Object, OPT, NUL, E},
};

constexpr FieldSpec kStepCommonFields[] = {
    {"if", Type::String, OPT, NUL, E},
    {"ref", Type::String, OPT, NUL, E},
};

constexpr ObjectSpec kSteps[] = {
    CAW_SPEC("AutomationDelayStep", kDelayFields),       CAW_SPEC("AutomationSendStep", kSendFields),
    CAW_SPEC("AutomationSendListStep", kSendListFields), CAW_SPEC("AutomationUpdateProfileStep", kUpdateProfileFields),
    CAW_SPEC("AutomationCancelStep", kCancelFields),     CAW_SPEC("AutomationFetchDataStep", kFetchDataFields),
    CAW_SPEC("AutomationInvokeStep", kInvokeFields),
};
constexpr ObjectSpec kStepCommon = CAW_SPEC("StepCommon", kStepCommonFields);

// ---- Automation and the request
constexpr FieldSpec kAutomationFields[] = {
    {"cancelation_token", Type::String, OPT, NUL, O},
    {"steps", Type::Steps, REQ, NOTNULL, O},
};
constexpr ObjectSpec kAutomation = CAW_SPEC("Automation", kAutomationFields);

constexpr FieldSpec kRequestFields[] = {
    {"automation", Type::Nested, REQ, NOTNULL, O, nullptr, 0, &kAutomation},
    {"brand", Type::String, OPT, NUL, O},
    {"data", Type::Object, OPT, NUL, O},
    {"profile", Type::Object, OPT, NUL, O},
    {"recipient", Type::String, OPT, NUL, O},
    {"template", Type::String, OPT, NUL, O},
};
constexpr ObjectSpec kRequest = CAW_SPEC("AutomationAdHocInvokeParams", kRequestFields);

#undef CAW_ENUM
#undef CAW_SPEC

static_assert(sizeof(kSteps) / sizeof(kSteps[0]) == sizeof(kActions) / sizeof(kActions[0]));

}  // namespace

const ObjectSpec& request() {
  return kRequest;
}
const ObjectSpec& automation() {
  return kAutomation;
}
const ObjectSpec& webhook() {
  return kWebhook;
}
const ObjectSpec& step_common() {
  return kStepCommon;
}

const ObjectSpec* step(std::string_view action) {
  for (std::size_t i = 0; i < sizeof(kActions) / sizeof(kActions[0]); ++i) {
    if (kActions[i] == action) return &kSteps[i];
  }
  return nullptr;
}

}  // namespace caw::spec
