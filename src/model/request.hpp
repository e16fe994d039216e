#pragma once
#include <string>
#include <vector>

#include "model/steps.hpp"

namespace caw::model {

struct Automation {
  Field<StringValue> cancelation_token;
  std::vector<Step> steps;
  Json extra = Json::object();
};

// The body of POST /automations/invoke (AutomationAdHocInvokeParams).
struct AdHocRequest {
  Automation automation;
  Field<StringValue> brand;
  Field<Json> data;
  Field<Json> profile;
  Field<StringValue> recipient;
  Field<StringValue> template_id;
  Json extra = Json::object();
};

}  // namespace caw::model
