#pragma once
#include <string>
#include <vector>

#include "model/steps.hpp"

namespace caw::model {

struct Automation {
  Field<StringValue> cancelation_token;
  std::vector<Step> steps;
  bool has_steps = false;  // "steps" present as an array (a non-array one is in extra)
  Json extra = Json::object();
};

// The body of POST /automations/invoke (AutomationAdHocInvokeParams).
struct AdHocRequest {
  Automation automation;
  bool has_automation = false;  // "automation" present as an object (a non-object one is in extra)
  Field<StringValue> brand;
  Field<Json> data;
  Field<Json> profile;
  Field<StringValue> recipient;
  Field<StringValue> template_id;
  Json extra = Json::object();
};

}  // namespace caw::model
