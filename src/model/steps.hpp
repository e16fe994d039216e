#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>

#include <nlohmann/json.hpp>

#include "model/field.hpp"
#include "model/step_fields.generated.hpp"
#include "schema/action.generated.hpp"

namespace caw::model {

using Json = nlohmann::json;

// Each struct's fields come from the description of the request (spec/openapi.json +
// spec/engine.json) through the generated lists of model/step_fields.generated.hpp, in the order
// of schema/spec.hpp; declaring, parsing, serializing and comparing all go through that list.
// CAW_MODEL_MEMBER declares a field, CAW_MODEL_VISIT hands it to the visitor `v`.
#define CAW_MODEL_MEMBER(name, member, type) Field<type> member;
#define CAW_MODEL_VISIT(name, member, type) v(name, s.member);

struct DelayStep {
  static constexpr spec::Action kAction = spec::Action::Delay;
  CAW_DELAY_FIELDS(CAW_MODEL_MEMBER)
  template <class Self, class V>
  static void fields(Self& s, V&& v) {
    CAW_DELAY_FIELDS(CAW_MODEL_VISIT)
  }
};

struct SendStep {
  static constexpr spec::Action kAction = spec::Action::Send;
  CAW_SEND_FIELDS(CAW_MODEL_MEMBER)
  template <class Self, class V>
  static void fields(Self& s, V&& v) {
    CAW_SEND_FIELDS(CAW_MODEL_VISIT)
  }
};

struct SendListStep {
  static constexpr spec::Action kAction = spec::Action::SendList;
  CAW_SEND_LIST_FIELDS(CAW_MODEL_MEMBER)
  template <class Self, class V>
  static void fields(Self& s, V&& v) {
    CAW_SEND_LIST_FIELDS(CAW_MODEL_VISIT)
  }
};

struct UpdateProfileStep {
  static constexpr spec::Action kAction = spec::Action::UpdateProfile;
  CAW_UPDATE_PROFILE_FIELDS(CAW_MODEL_MEMBER)
  template <class Self, class V>
  static void fields(Self& s, V&& v) {
    CAW_UPDATE_PROFILE_FIELDS(CAW_MODEL_VISIT)
  }
};

struct CancelStep {
  static constexpr spec::Action kAction = spec::Action::Cancel;
  CAW_CANCEL_FIELDS(CAW_MODEL_MEMBER)
  template <class Self, class V>
  static void fields(Self& s, V&& v) {
    CAW_CANCEL_FIELDS(CAW_MODEL_VISIT)
  }
};

struct Webhook {
  CAW_WEBHOOK_FIELDS(CAW_MODEL_MEMBER)
  Json extra = Json::object();
  template <class Self, class V>
  static void fields(Self& s, V&& v) {
    CAW_WEBHOOK_FIELDS(CAW_MODEL_VISIT)
  }
};

struct FetchDataStep {
  static constexpr spec::Action kAction = spec::Action::FetchData;
  CAW_FETCH_DATA_FIELDS(CAW_MODEL_MEMBER)
  template <class Self, class V>
  static void fields(Self& s, V&& v) {
    CAW_FETCH_DATA_FIELDS(CAW_MODEL_VISIT)
  }
};

struct InvokeStep {
  static constexpr spec::Action kAction = spec::Action::Invoke;
  CAW_INVOKE_FIELDS(CAW_MODEL_MEMBER)
  template <class Self, class V>
  static void fields(Self& s, V&& v) {
    CAW_INVOKE_FIELDS(CAW_MODEL_VISIT)
  }
};

// An action outside the seven: kept whole in Step::extra so nothing is lost.
struct UnknownStep {
  template <class Self, class V>
  static void fields(Self& /*s*/, V&& /*v*/) {}
};

using StepBody = std::variant<DelayStep, SendStep, SendListStep, UpdateProfileStep, CancelStep, FetchDataStep,
                              InvokeStep, UnknownStep>;

// The variant holds one alternative per generated Action, in its order, then UnknownStep: the
// simulator and the codec dispatch with std::visit and body_for, never by position.
namespace detail {
template <std::size_t... I>
constexpr bool alternatives_follow_actions(std::index_sequence<I...>) {
  return ((std::variant_alternative_t<I, StepBody>::kAction == static_cast<spec::Action>(I)) && ...);
}
}  // namespace detail
static_assert(std::variant_size_v<StepBody> == spec::kActionCount + 1);
static_assert(detail::alternatives_follow_actions(std::make_index_sequence<spec::kActionCount>{}));
static_assert(std::is_same_v<std::variant_alternative_t<spec::kActionCount, StepBody>, UnknownStep>);

// An empty body of the step type for that action.
inline StepBody body_for(spec::Action action) {
  switch (action) {
    case spec::Action::Delay: return DelayStep{};
    case spec::Action::Send: return SendStep{};
    case spec::Action::SendList: return SendListStep{};
    case spec::Action::UpdateProfile: return UpdateProfileStep{};
    case spec::Action::Cancel: return CancelStep{};
    case spec::Action::FetchData: return FetchDataStep{};
    case spec::Action::Invoke: return InvokeStep{};
  }
  return UnknownStep{};
}

struct Step {
  std::string action;       // "" when the step has no string "action"
  bool has_action = false;  // "action" present as a string (possibly ""); a non-string one is in extra
  StepBody body;
  CAW_STEP_COMMON_FIELDS(CAW_MODEL_MEMBER)  // if_: a boolean expression (false skips the step); ref: refs.<name>
  Json extra = Json::object();              // properties the model does not know, kept for round trips
  // A step that is not a JSON object (`"send"`, `1`, `null`) is kept as it is, so the model
  // stays lossless for any input; the shape checker reports it (found by fuzz_model_roundtrip).
  std::optional<Json> not_an_object;

  // The fields every step has, whatever its action (if, ref).
  template <class Self, class V>
  static void common_fields(Self& s, V&& v) {
    CAW_STEP_COMMON_FIELDS(CAW_MODEL_VISIT)
  }
};

}  // namespace caw::model
