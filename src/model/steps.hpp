#pragma once
#include <optional>
#include <string>
#include <variant>

#include <nlohmann/json.hpp>

#include "model/field.hpp"

namespace caw::model {

using Json = nlohmann::json;

// Each struct lists its fields once, in `fields(self, visit)`, in the order of schema/spec.cpp;
// parsing, serializing and comparing all go through that list.

struct DelayStep {
  Field<StringValue> duration;     // "5 minutes", "1 hour", "3 days"
  Field<StringValue> until;        // ISO 8601, extended or basic
  Field<StringValue> delay_for;    // deprecated alias of duration ("delayFor")
  Field<StringValue> delay_until;  // deprecated alias of until ("delayUntil")
  template <class Self, class V>
  static void fields(Self& s, V&& v) {
    v("duration", s.duration);
    v("until", s.until);
    v("delayFor", s.delay_for);
    v("delayUntil", s.delay_until);
  }
};

struct SendStep {
  Field<StringValue> template_id;
  Field<StringValue> brand;
  Field<Json> data;
  Field<Json> profile;
  Field<StringValue> recipient;
  Field<Json> override_;
  Field<Json> message;  // the V2 form: a whole Send API message
  Field<StringValue> idempotency_key;
  Field<StringValue> idempotency_expiry;
  template <class Self, class V>
  static void fields(Self& s, V&& v) {
    v("template", s.template_id);
    v("brand", s.brand);
    v("data", s.data);
    v("profile", s.profile);
    v("recipient", s.recipient);
    v("override", s.override_);
    v("message", s.message);
    v("idempotency_key", s.idempotency_key);
    v("idempotency_expiry", s.idempotency_expiry);
  }
};

struct SendListStep {
  Field<StringValue> list;
  Field<Json> data;
  Field<StringValue> brand;
  Field<StringValue> template_id;  // required by the engine, absent from the OpenAPI
  Field<Json> override_;
  Field<Json> data_source;
  Field<StringValue> idempotency_key;
  Field<StringValue> idempotency_expiry;
  template <class Self, class V>
  static void fields(Self& s, V&& v) {
    v("list", s.list);
    v("data", s.data);
    v("brand", s.brand);
    v("template", s.template_id);
    v("override", s.override_);
    v("data_source", s.data_source);
    v("idempotency_key", s.idempotency_key);
    v("idempotency_expiry", s.idempotency_expiry);
  }
};

struct UpdateProfileStep {
  Field<StringValue> recipient_id;
  Field<StringValue> merge;  // none | overwrite | soft-merge | replace (default replace)
  Field<Json> profile;
  template <class Self, class V>
  static void fields(Self& s, V&& v) {
    v("recipient_id", s.recipient_id);
    v("merge", s.merge);
    v("profile", s.profile);
  }
};

struct CancelStep {
  Field<StringValue> cancelation_token;
  Field<StringValue> cancelation_token_alias;  // deprecated "cancelationToken"
  template <class Self, class V>
  static void fields(Self& s, V&& v) {
    v("cancelation_token", s.cancelation_token);
    v("cancelationToken", s.cancelation_token_alias);
  }
};

struct Webhook {
  Field<StringValue> url;
  Field<StringValue> method;
  Field<Json> headers;
  Field<Json> body;    // a string per the OpenAPI; the engine also takes an object
  Field<Json> params;  // engine only: query parameters
  Json extra = Json::object();
  template <class Self, class V>
  static void fields(Self& s, V&& v) {
    v("url", s.url);
    v("method", s.method);
    v("headers", s.headers);
    v("body", s.body);
    v("params", s.params);
  }
};

struct FetchDataStep {
  Field<Webhook> webhook;
  Field<StringValue> merge_strategy;  // replace | overwrite | soft-merge (engine: none)
  Field<StringValue> idempotency_key;
  Field<StringValue> idempotency_expiry;
  template <class Self, class V>
  static void fields(Self& s, V&& v) {
    v("webhook", s.webhook);
    v("merge_strategy", s.merge_strategy);
    v("idempotency_key", s.idempotency_key);
    v("idempotency_expiry", s.idempotency_expiry);
  }
};

struct InvokeStep {
  Field<StringValue> template_id;  // automation template id or alias
  Field<Json> context;             // engine only: the child run's initial context
  template <class Self, class V>
  static void fields(Self& s, V&& v) {
    v("template", s.template_id);
    v("context", s.context);
  }
};

// An action outside the seven: kept whole in Step::extra so nothing is lost.
struct UnknownStep {
  template <class Self, class V>
  static void fields(Self& /*s*/, V&& /*v*/) {}
};

using StepBody = std::variant<DelayStep, SendStep, SendListStep, UpdateProfileStep, CancelStep, FetchDataStep,
                              InvokeStep, UnknownStep>;

struct Step {
  std::string action;       // "" when the step has no string "action"
  bool has_action = false;  // "action" present as a string (possibly ""); a non-string one is in extra
  StepBody body;
  Field<StringValue> if_;       // a boolean expression; false skips the step
  Field<StringValue> ref;       // a name for refs.<name>
  Json extra = Json::object();  // properties the model does not know, kept for round trips
  // A step that is not a JSON object (`"send"`, `1`, `null`) is kept as it is, so the model
  // stays lossless for any input; the shape checker reports it (found by fuzz_model_roundtrip).
  std::optional<Json> not_an_object;
};

}  // namespace caw::model
