#pragma once
#include <string>
#include <vector>

#include "model/steps.hpp"

namespace caw::model {

struct Automation {
  CAW_AUTOMATION_FIELDS(CAW_MODEL_MEMBER)
  std::vector<Step> steps;
  bool has_steps = false;  // "steps" present as an array (a non-array one is in extra)
  Json extra = Json::object();
  // The fields besides steps, which the codec handles itself.
  template <class Self, class V>
  static void fields(Self& s, V&& v) {
    CAW_AUTOMATION_FIELDS(CAW_MODEL_VISIT)
  }
};

// The body of POST /automations/invoke (AutomationAdHocInvokeParams).
struct AdHocRequest {
  Automation automation;
  bool has_automation = false;  // "automation" present as an object (a non-object one is in extra)
  CAW_REQUEST_FIELDS(CAW_MODEL_MEMBER)
  Json extra = Json::object();
  // The run-level fields besides automation, which the codec handles itself.
  template <class Self, class V>
  static void fields(Self& s, V&& v) {
    CAW_REQUEST_FIELDS(CAW_MODEL_VISIT)
  }
};

}  // namespace caw::model
