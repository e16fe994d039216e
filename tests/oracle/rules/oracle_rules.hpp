#pragma once
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "report/problem.hpp"
#include "validate/rules/rules.hpp"

namespace caw::oracle::rules {

// The courier-level rules (docs/courier-semantics.md section 6) that need more than the field
// table: one file per step kind, one for the run level. They run after check_request_shape
// and skip values of the wrong type (the shape checker has already reported those).
//
// The DOM oracle: an independent reading of the same rules over nlohmann's DOM, kept only so
// the differential test and fuzz target can compare the validator (src/validate) with it. It
// shares the string-level rules (durations, timestamps, URLs) with src/validate/rules.

// What the run level provides to every step (the fallbacks of section 1.2).
struct RunFacts {
  bool recipient = false;  // run-level "recipient" resolves
  bool template_ = false;  // run-level "template" resolves
  std::string_view token;  // automation.cancelation_token ("" when absent)
};

// A non-empty string or an accessor object {"$ref": "..."}.
bool resolves(const nlohmann::json& value);
// The step's field `name` resolves.
bool step_resolves(const nlohmann::json& step, const char* name);

// Per step kind; `at` is the step's JSON Pointer.
void check_delay(const nlohmann::json& step, const std::string& at, Report& report);
void check_send(const nlohmann::json& step, const std::string& at, const RunFacts& run, Report& report);
void check_send_list(const nlohmann::json& step, const std::string& at, const RunFacts& run, Report& report);
void check_update_profile(const nlohmann::json& step, const std::string& at, const RunFacts& run, Report& report);
void check_cancel(const nlohmann::json& step, const std::string& at, const RunFacts& run, Report& report);
void check_fetch_data(const nlohmann::json& step, const std::string& at, Report& report);
void check_invoke(const nlohmann::json& step, const std::string& at, Report& report);

// run.cpp: non-empty steps, unique refs, then every step's own rules.
void check_run(const nlohmann::json& request, Report& report);

}  // namespace caw::oracle::rules
