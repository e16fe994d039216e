// Every rule of docs/courier-semantics.md section 6: at least one invalid case (code, path,
// severity and, for text input, line/column) and one valid case. Each case also checks that the
// validator, the DOM oracle and validate_json agree.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "json/parse_text.hpp"
#include "validate/validate_json.hpp"
#include "validate_dom.hpp"
#include "validate_test_util.hpp"

namespace {

using caw::Level;
using caw::Severity;
using caw::test::dump;
using caw::test::find_problem;
using caw::test::where;

// A request with `step` alone on line 3 and run-level fields `top` on line 1.
std::string wrap(const std::string& step, const std::string& top = R"("recipient": "u1", "template": "T1")") {
  return "{" + top + (top.empty() ? "" : ",") +
         "\n \"automation\": {\"cancelation_token\": \"run-token\", \"steps\": [\n" + step + "\n]}}";
}

// Validates `text` three ways and checks they agree: the DOM oracle where it is independent of the
// rules (tests/oracle/validate_dom.hpp), validate_json on the parsed value.
caw::Report check(const std::string& text, Level level = Level::Courier) {
  caw::Report fast = caw::validate_text(text, level);
  caw::Report dom = caw::oracle::validate_text_dom(text, level);
  EXPECT_EQ(caw::test::comparable(fast, level), caw::test::comparable(dom, level)) << text;
  EXPECT_TRUE(caw::oracle::courier_keeps_schema_errors(caw::oracle::validate_text_dom(text, Level::Schema), fast))
      << text;
  caw::test::expect_registered(fast);
  caw::ParsedText parsed = caw::parse_text(text);
  if (parsed.ok) {
    caw::Report obj = caw::validate_json(parsed.value, level);
    EXPECT_EQ(obj.valid(), fast.valid());
    EXPECT_EQ(obj.errors().size() + obj.warnings().size(),
              fast.errors().size() + fast.warnings().size() - parsed.problems.warnings().size());
    for (const auto* list : {&obj.errors(), &obj.warnings()}) {
      for (const auto& p : *list) EXPECT_FALSE(p.line.has_value());
    }
  }
  return fast;
}

struct Bad {
  const char* name;
  std::string text;
  std::string code;
  std::string path;
  Severity severity;
  std::string marker;  // where the problem must be located (first occurrence in the text)
  Level level = Level::Courier;
  std::string hint = {};
};

void PrintTo(const Bad& c, std::ostream* os) {
  *os << c.name;
}

class Invalid : public ::testing::TestWithParam<Bad> {};

TEST_P(Invalid, ReportsCodePathAndPosition) {
  const Bad& c = GetParam();
  const caw::Report r = check(c.text, c.level);
  const caw::Problem* p = find_problem(r, c.code, c.path);
  ASSERT_NE(p, nullptr) << c.code << " at " << c.path << " not in " << dump(r);
  EXPECT_EQ(p->severity, c.severity);
  if (c.severity == Severity::Error) EXPECT_FALSE(r.valid());
  ASSERT_TRUE(p->line.has_value());
  const auto [line, column] = where(c.text, c.marker);
  EXPECT_EQ(*p->line, line) << dump(r);
  EXPECT_EQ(*p->column, column) << dump(r);
  if (!c.hint.empty()) EXPECT_EQ(p->hint, c.hint);
}

const Severity E = Severity::Error;
const Severity W = Severity::Warning;
const std::string S0 = "/automation/steps/0";

INSTANTIATE_TEST_SUITE_P(
    Section6, Invalid,
    ::testing::Values(
        Bad{"steps_empty", R"({"recipient": "u",
 "automation": {"steps": []}})",
            "automation.steps.empty", "/automation/steps", E, "[]"},
        Bad{"delay_neither", wrap(R"({"action": "delay"})"), "delay.timing.missing", S0, E, R"({"action": "delay")"},
        Bad{"delay_both", wrap(R"({"action": "delay", "duration": "5 minutes", "until": "2024-04-08T08:09:10Z"})"),
            "delay.timing.conflict", S0, E, R"({"action": "delay")"},
        Bad{"delay_alias_and_until",
            wrap(R"({"action": "delay", "delayFor": "5 minutes", "until": "2024-04-08T08:09:10Z"})"),
            "delay.timing.conflict", S0, E, R"({"action": "delay")"},
        Bad{"duration_iso", wrap(R"({"action": "delay", "duration": "PT5M"})"), "delay.duration.iso8601",
            S0 + "/duration", E, "\"PT5M\"", Level::Courier, R"(use "5 minutes")"},
        Bad{"duration_seconds", wrap(R"({"action": "delay", "duration": "30 seconds"})"), "delay.duration.seconds",
            S0 + "/duration", E, "\"30 seconds\""},
        Bad{"duration_no_space", wrap(R"({"action": "delay", "duration": "5minutes"})"), "delay.duration.format",
            S0 + "/duration", E, "\"5minutes\"", Level::Courier, R"(use "5 minutes")"},
        Bad{"duration_alias_bad", wrap(R"({"action": "delay", "delayFor": "soon"})"), "delay.duration.format",
            S0 + "/delayFor", E, "\"soon\""},
        Bad{"until_malformed", wrap(R"({"action": "delay", "until": "next tuesday"})"), "delay.until.format",
            S0 + "/until", E, "\"next tuesday\""},
        Bad{"until_impossible", wrap(R"({"action": "delay", "until": "2024-02-30T10:00:00Z"})"),
            "delay.until.impossible", S0 + "/until", E, "\"2024-02-30"},
        Bad{"until_month_13", wrap(R"({"action": "delay", "until": "20241308T080910Z"})"), "delay.until.impossible",
            S0 + "/until", E, "\"2024130"},
        Bad{"until_no_offset", wrap(R"({"action": "delay", "until": "2024-04-08T08:09:10"})"), "delay.until.no_offset",
            S0 + "/until", W, "\"2024-04-08"},
        Bad{"until_basic", wrap(R"({"action": "delay", "until": "20240408T080910Z"})"), "delay.until.basic_format",
            S0 + "/until", E, "\"20240408", Level::Courier, R"(use the extended format: "2024-04-08T08:09:10Z")"},
        Bad{"until_basic_no_offset", wrap(R"({"action": "delay", "until": "20240408T080910.123"})"),
            "delay.until.basic_format", S0 + "/until", E, "\"20240408", Level::Courier,
            R"(use the extended format: "2024-04-08T08:09:10.123Z")"},
        Bad{"until_date_only", wrap(R"({"action": "delay", "until": "2024-04-08"})"), "delay.until.format",
            S0 + "/until", E, "\"2024-04-08\"", Level::Courier, R"(add the time: "2024-04-08T00:00:00Z")"},
        Bad{"until_lowercase_t", wrap(R"({"action": "delay", "until": "2024-04-08t08:09:10Z"})"), "delay.until.format",
            S0 + "/until", E, "\"2024-04-08t"},
        Bad{"until_comma_fraction", wrap(R"({"action": "delay", "until": "2024-04-08T08:09:10,5Z"})"),
            "delay.until.format", S0 + "/until", E, "\"2024-04-08T"},
        Bad{"delay_null_other", wrap(R"({"action": "delay", "duration": "1 day", "until": null})"),
            "delay.timing.conflict", S0, E, R"({"action": "delay")"},
        Bad{"delay_only_null", wrap(R"({"action": "delay", "until": null})"), "delay.timing.missing", S0, E,
            R"({"action": "delay")"},
        Bad{"delay_idempotency_key", wrap(R"({"action": "delay", "duration": "1 hour", "idempotency_key": "k"})"),
            "step.property.unknown", S0 + "/idempotency_key", E, R"("k")"},
        Bad{"delay_alias", wrap(R"({"action": "delay", "delayFor": "5 minutes"})"), "property.deprecated",
            S0 + "/delayFor", W, "\"5 minutes\"", Level::Courier, R"(use "duration")"},
        Bad{"until_alias", wrap(R"({"action": "delay", "delayUntil": "2024-04-08T08:09:10Z"})"), "property.deprecated",
            S0 + "/delayUntil", W, "\"2024-04-08"},
        Bad{"send_no_recipient", wrap(R"({"action": "send", "template": "T"})", R"("template": "T1")"),
            "send.recipient.missing", S0 + "/recipient", E, R"({"action": "send")"},
        Bad{"send_empty_recipient",
            wrap(R"({"action": "send", "recipient": ""})", R"("template": "T1", "recipient": null)"),
            "send.recipient.missing", S0 + "/recipient", E, R"({"action": "send")"},
        Bad{"send_run_recipient_empty", wrap(R"({"action": "send"})", R"("template": "T1", "recipient": "")"),
            "send.recipient.missing", S0 + "/recipient", E, R"({"action": "send")"},
        Bad{"send_no_template", wrap(R"({"action": "send", "recipient": "u"})", R"("recipient": "u1")"),
            "send.template.missing", S0 + "/template", E, R"({"action": "send")"},
        Bad{"send_empty_template_beside_run", wrap(R"({"action": "send", "template": ""})"), "send.template.missing",
            S0 + "/template", E, R"("")"},
        Bad{"send_run_brand_null",
            wrap(R"({"action": "send"})", R"("recipient": "u1", "template": "T1", "brand": null)"),
            "step.property.null", S0 + "/brand", E, R"({"action": "send")", Level::Courier,
            R"(leave the request's "brand" out, or give the step its own)"},
        Bad{"send_step_null_key", wrap(R"({"action": "send", "idempotency_key": null})"), "step.property.null",
            S0 + "/idempotency_key", E, "null}", Level::Courier, R"(leave "idempotency_key" out)"},
        Bad{"send_override_type", wrap(R"({"action": "send", "override": "x"})"), "schema.type", S0 + "/override", E,
            R"("x")"},
        Bad{"send_v2_legacy_field",
            wrap(R"({"action": "send", "template": "T", "message": {"to": {"user_id": "u"}, "template": "T"}})"),
            "send.message.legacy_field", S0 + "/template", E, R"("T")"},
        Bad{"send_v2_no_to", wrap(R"({"action": "send", "message": {"template": "T"}})", ""), "send.recipient.missing",
            S0 + "/message", E, R"({"template")"},
        Bad{"send_v2_no_template", wrap(R"({"action": "send", "message": {"to": {"user_id": "u"}}})", ""),
            "send.template.missing", S0 + "/message", E, R"({"to")"},
        Bad{"send_v2_not_in_openapi", wrap(R"({"action": "send", "message": {"content": {"body": "hi"}}})"),
            "send.message.not_in_openapi", S0 + "/message", W, R"({"content")"},
        Bad{"send_list_recipient", wrap(R"({"action": "send-list", "list": "L", "recipient": "u"})"),
            "step.property.unknown", S0 + "/recipient", E, R"("u"})"},
        Bad{"send_list_profile", wrap(R"({"action": "send-list", "list": "L", "profile": {}})"),
            "step.property.unknown", S0 + "/profile", E, "{}}"},
        Bad{"send_list_data_source_extra",
            wrap(
                R"({"action": "send-list", "list": "L", "data_source": {"webhook": {}, "merge_strategy": "replace", "x": 1}})"),
            "step.property.unknown", S0 + "/data_source/x", E, "1}}"},
        Bad{"send_list_data_source_incomplete",
            wrap(R"({"action": "send-list", "list": "L", "data_source": {"webhook": {"url": "https://x.org"}}})"),
            "step.property.missing", S0 + "/data_source/merge_strategy", E, R"({"webhook")"},
        Bad{"send_list_data_source_accessor",
            wrap(R"({"action": "send-list", "list": "L", "data_source": {"$ref": "data.source"}})"), "schema.type",
            S0 + "/data_source", E, R"({"$ref")"},
        Bad{"subscribe_ref_type", wrap(R"({"action": "subscribe", "list_id": "L", "recipient_id": "u", "ref": 5})"),
            "schema.type", S0 + "/ref", E, "5}"},
        Bad{"if_null", wrap(R"({"action": "send", "if": null})"), "step.property.null", S0 + "/if", E, "null}"},
        Bad{"send_list_data_source_strategy",
            wrap(R"({"action": "send-list", "list": "L", "data_source": {"webhook": {}, "merge_strategy": "deep"}})"),
            "schema.enum", S0 + "/data_source/merge_strategy", E, R"("deep")"},
        Bad{"send_list_empty", wrap(R"({"action": "send-list", "list": ""})"), "send-list.list.empty", S0 + "/list", E,
            R"("")"},
        Bad{"send_list_no_template", wrap(R"({"action": "send-list", "list": "L"})", R"("recipient": "u1")"),
            "send-list.template.missing", S0 + "/template", E, R"({"action": "send-list")"},
        Bad{"send_list_no_list", wrap(R"({"action": "send-list", "template": "T"})"), "schema.required", S0 + "/list",
            E, R"({"action": "send-list")", Level::Schema},
        Bad{"update_profile_no_recipient", wrap(R"({"action": "update-profile", "profile": {}})", ""),
            "update-profile.recipient.missing", S0 + "/recipient_id", E, R"({"action": "update-profile")"},
        Bad{"update_profile_run_recipient_not_used",
            wrap(R"({"action": "update-profile", "profile": {"a": 1}, "merge": "replace"})"),
            "update-profile.recipient.missing", S0 + "/recipient_id", E, R"({"action": "update-profile")"},
        Bad{"update_profile_recipient_null",
            wrap(R"({"action": "update-profile", "recipient_id": null, "profile": {}, "merge": "none"})"),
            "update-profile.recipient.missing", S0 + "/recipient_id", E, "null"},
        Bad{"update_profile_no_merge", wrap(R"({"action": "update-profile", "recipient_id": "u", "profile": {}})"),
            "step.property.missing", S0 + "/merge", E, R"({"action": "update-profile")"},
        Bad{"update_profile_merge_accessor",
            wrap(R"({"action": "update-profile", "recipient_id": "u", "profile": {}, "merge": {"$ref": "data.m"}})"),
            "schema.type", S0 + "/merge", E, R"({"$ref")"},
        Bad{"update_profile_merge", wrap(R"({"action": "update-profile", "profile": {}, "merge": "deep"})"),
            "schema.enum", S0 + "/merge", E, "\"deep\""},
        Bad{"update_profile_merge_null", wrap(R"({"action": "update-profile", "profile": {}, "merge": null})"),
            "schema.enum", S0 + "/merge", E, "null}", Level::Schema},
        Bad{"update_profile_profile_type", wrap(R"({"action": "update-profile", "profile": "x"})"), "schema.type",
            S0 + "/profile", E, "\"x\""},
        Bad{"update_profile_no_profile", wrap(R"({"action": "update-profile"})"), "schema.required", S0 + "/profile", E,
            R"({"action": "update-profile")"},
        Bad{"cancel_empty", wrap(R"({"action": "cancel", "cancelation_token": ""})"), "cancel.token.empty",
            S0 + "/cancelation_token", E, R"("")"},
        Bad{"cancel_two_ls", wrap(R"({"action": "cancel", "cancellation_token": "t"})"), "step.property.unknown",
            S0 + "/cancellation_token", E, R"("t")", Level::Courier, R"(did you mean "cancelation_token"?)"},
        Bad{"cancel_two_ls_automation", R"({"recipient": "u", "template": "T",
 "automation": {"cancellation_token": "t", "steps": [{"action": "send"}]}})",
            "cancel.token.spelling", "/automation/cancellation_token", W, R"("t")", Level::Courier,
            R"(spell it "cancelation_token")"},
        Bad{"cancel_both_spellings", wrap(R"({"action": "cancel", "cancelation_token": "t", "cancelationToken": "t"})"),
            "cancel.token.conflict", S0, E, R"({"action": "cancel")"},
        Bad{"cancel_two_ls_missing", wrap(R"({"action": "cancel", "cancellation_token": "t"})"), "schema.required",
            S0 + "/cancelation_token", E, R"({"action": "cancel")"},
        Bad{"cancel_two_ls_top", R"({"recipient": "u", "cancellation_token": "t",
 "automation": {"steps": [{"action": "send", "template": "T"}]}})",
            "cancel.token.spelling", "/cancellation_token", W, R"("t")"},
        Bad{"cancel_self", wrap(R"({"action": "cancel", "cancelation_token": "run-token"})"), "cancel.token.self",
            S0 + "/cancelation_token", W, R"("run-token"})"},
        Bad{"cancel_alias", wrap(R"({"action": "cancel", "cancelationToken": "t"})"), "property.deprecated",
            S0 + "/cancelationToken", W, R"("t")"},
        Bad{"fetch_url_relative", wrap(R"({"action": "fetch-data", "webhook": {"url": "/api", "method": "GET"}})"),
            "fetch-data.webhook.url.not_https", S0 + "/webhook/url", W, R"("/api")"},
        Bad{"fetch_url_ftp", wrap(R"({"action": "fetch-data", "webhook": {"url": "ftp://x.org/a", "method": "GET"}})"),
            "fetch-data.webhook.url.not_https", S0 + "/webhook/url", W, R"("ftp:)"},
        Bad{"fetch_url_http",
            wrap(R"({"action": "fetch-data", "webhook": {"url": "http://x.org/a", "method": "GET"}})"),
            "fetch-data.webhook.url.not_https", S0 + "/webhook/url", W, R"("http:)"},
        Bad{"fetch_url_empty", wrap(R"({"action": "fetch-data", "webhook": {"url": "", "method": "GET"}})"),
            "webhook.url.empty", S0 + "/webhook/url", E, R"("")"},
        Bad{"fetch_no_merge_strategy", wrap(R"({"action": "fetch-data", "webhook": {"url": "https://x.org"}})"),
            "step.property.missing", S0 + "/merge_strategy", E, R"({"action": "fetch-data")"},
        Bad{"fetch_webhook_extra",
            wrap(
                R"({"action": "fetch-data", "webhook": {"url": "https://x.org", "timeout": 5}, "merge_strategy": "none"})"),
            "step.property.unknown", S0 + "/webhook/timeout", E, "5}"},
        Bad{"fetch_headers_null",
            wrap(
                R"({"action": "fetch-data", "webhook": {"url": "https://x.org", "headers": null}, "merge_strategy": "none"})"),
            "step.property.null", S0 + "/webhook/headers", E, "null}"},
        Bad{"fetch_method", wrap(R"({"action": "fetch-data", "webhook": {"url": "https://x.org", "method": "get"}})"),
            "contract.openapi_stricter", S0 + "/webhook/method", W, R"("get")"},
        Bad{"fetch_method_schema",
            wrap(R"({"action": "fetch-data", "webhook": {"url": "https://x.org", "method": "get"}})"), "schema.enum",
            S0 + "/webhook/method", E, R"("get")", Level::Schema},
        Bad{"fetch_method_missing", wrap(R"({"action": "fetch-data", "webhook": {"url": "https://x.org"}})"),
            "contract.openapi_stricter", S0 + "/webhook/method", W, R"({"url")"},
        Bad{"fetch_method_missing_schema", wrap(R"({"action": "fetch-data", "webhook": {"url": "https://x.org"}})"),
            "schema.required", S0 + "/webhook/method", E, R"({"url")", Level::Schema},
        Bad{"fetch_method_put",
            wrap(R"({"action": "fetch-data", "webhook": {"url": "https://x.org", "method": "PUT"}})"),
            "contract.contradiction", S0 + "/webhook/method", W, R"("PUT")"},
        Bad{"fetch_method_bad",
            wrap(R"({"action": "fetch-data", "webhook": {"url": "https://x.org", "method": "put"}})"), "schema.enum",
            S0 + "/webhook/method", E, R"("put")"},
        Bad{"fetch_header_accessor_schema",
            wrap(
                R"({"action": "fetch-data", "webhook": {"url": "https://x.org", "method": "GET", "headers": {"a": {"$ref": "data.t"}}}})"),
            "schema.type", S0 + "/webhook/headers/a", E, R"({"$ref")", Level::Schema},
        Bad{"fetch_body_string",
            wrap(R"({"action": "fetch-data", "webhook": {"url": "https://x.org", "method": "POST", "body": "{}"}})"),
            "contract.contradiction", S0 + "/webhook/body", W, R"("{}")"},
        Bad{"fetch_header_type",
            wrap(
                R"({"action": "fetch-data", "webhook": {"url": "https://x.org", "method": "GET", "headers": {"n": 1}}})"),
            "schema.type", S0 + "/webhook/headers/n", E, "1}"},
        Bad{"fetch_body_object",
            wrap(
                R"({"action": "fetch-data", "webhook": {"url": "https://x.org", "method": "POST", "body": {"a": 1}}})"),
            "contract.contradiction", S0 + "/webhook/body", W, R"({"a")"},
        Bad{"fetch_body_object_schema",
            wrap(
                R"({"action": "fetch-data", "webhook": {"url": "https://x.org", "method": "POST", "body": {"a": 1}}})"),
            "schema.type", S0 + "/webhook/body", E, R"({"a")", Level::Schema},
        Bad{"fetch_merge_none",
            wrap(
                R"({"action": "fetch-data", "webhook": {"url": "https://x.org", "method": "GET"}, "merge_strategy": "none"})"),
            "contract.openapi_stricter", S0 + "/merge_strategy", W, R"("none")"},
        Bad{"fetch_merge_none_schema",
            wrap(
                R"({"action": "fetch-data", "webhook": {"url": "https://x.org", "method": "GET"}, "merge_strategy": "none"})"),
            "schema.enum", S0 + "/merge_strategy", E, R"("none")", Level::Schema},
        Bad{"fetch_no_webhook", wrap(R"({"action": "fetch-data"})"), "schema.required", S0 + "/webhook", E,
            R"({"action": "fetch-data")"},
        Bad{"invoke_empty", wrap(R"({"action": "invoke", "template": ""})"), "invoke.template.empty", S0 + "/template",
            E, R"("")"},
        Bad{"invoke_missing", wrap(R"({"action": "invoke"})"), "schema.required", S0 + "/template", E,
            R"({"action": "invoke")"},
        Bad{"invoke_context_extra", wrap(R"({"action": "invoke", "template": "T", "context": {"data": {}, "x": 1}})"),
            "step.property.unknown", S0 + "/context/x", E, "1}"},
        Bad{"invoke_context_type", wrap(R"({"action": "invoke", "template": "T", "context": {"brand": 5}})"),
            "schema.type", S0 + "/context/brand", E, "5}"},
        Bad{"subscribe_engine_only", wrap(R"({"action": "subscribe", "list_id": "L", "recipient_id": "u"})"),
            "step.action.engine_only", S0 + "/action", W, R"("subscribe")"},
        Bad{"subscribe_schema", wrap(R"({"action": "subscribe", "list_id": "L", "recipient_id": "u"})"),
            "step.action.unknown", S0 + "/action", E, R"("subscribe")", Level::Schema},
        Bad{"subscribe_missing", wrap(R"({"action": "subscribe", "list_id": "L"})"), "step.property.missing",
            S0 + "/recipient_id", E, R"({"action": "subscribe")"},
        Bad{"subscribe_preferences",
            wrap(
                R"({"action": "subscribe", "list_id": "L", "recipient_id": "u", "subscription": {"preferences": {}}})"),
            "step.property.missing", S0 + "/subscription/preferences/notification", E, R"({}})"},
        Bad{"request_override",
            wrap(R"({"action": "send"})", R"("recipient": "u1", "template": "T1", "override": {"a": 1})"),
            "request.override", "/override", E, R"({"a": 1})"},
        Bad{"run_accessor", wrap(R"({"action": "send"})", R"("recipient": {"$ref": "data.id"}, "template": "T1")"),
            "schema.type", "/recipient", E, R"({"$ref")"},
        Bad{"ref_duplicate", wrap(R"({"action": "send", "ref": "a"},
{"action": "send", "ref": "a"})"),
            "step.ref.duplicate", "/automation/steps/1/ref", E, "\"a\"}\n]"},
        Bad{"ref_empty", wrap(R"({"action": "send", "ref": ""})"), "step.ref.empty", S0 + "/ref", E, R"("")"},
        Bad{"if_type", wrap(R"({"action": "send", "if": 5})"), "schema.type", S0 + "/if", E, "5}"},
        Bad{"if_accessor", wrap(R"({"action": "send", "if": {"$ref": "data.ok"}})"), "schema.type", S0 + "/if", E,
            R"({"$ref")"},
        Bad{"accessor_at_schema", wrap(R"({"action": "send", "recipient": {"$ref": "data.id"}})"), "schema.type",
            S0 + "/recipient", E, R"({"$ref")", Level::Schema},
        Bad{"unknown_property", wrap(R"({"action": "send", "tempalte": "T"})"), "step.property.unknown",
            S0 + "/tempalte", E, R"("T")", Level::Courier, R"(did you mean "template"?)"},
        Bad{"unknown_property_request", wrap(R"({"action": "send"})", R"("recipient": "u1", "tempalte": "T1")"),
            "schema.unknown_property", "/tempalte", W, R"("T1")", Level::Courier, R"(did you mean "template"?)"},
        Bad{"unknown_action", wrap(R"({"action": "sned"})"), "step.action.unknown", S0 + "/action", E, R"("sned")",
            Level::Courier, R"(use "send")"},
        Bad{"step_string", wrap(R"("send")"), "schema.type", S0, E, R"("send")", Level::Schema},
        Bad{"duplicate_key", wrap(R"({"action": "send", "template": "A", "template": "B"})"), "json.duplicate_key",
            S0 + "/template", W, R"("B")"},
        Bad{"syntax", "{\"automation\": {\"steps\": [\n  {\"action\": \"send\",,}]}}", "json.syntax", S0 + "/action", E,
            ",}"},
        Bad{"utf8", "{\"automation\": {\"steps\": [\n{\"action\": \"send\", \"template\": \"\xC3\x28\"}]}}",
            "json.utf8", S0 + "/template", E, "(\"}"},
        Bad{"steps_not_array", "{\"automation\": {\"steps\": {}}}", "schema.type", "/automation/steps", E, "{}}"},
        Bad{"no_automation", "{\"recipient\": \"u\"}", "schema.required", "/automation", E, "{"}),
    [](const ::testing::TestParamInfo<Bad>& info) { return std::string(info.param.name); });

// ---------------------------------------------------------------- valid cases
using Case = std::pair<const char*, std::string>;
class Valid : public ::testing::TestWithParam<Case> {};

TEST_P(Valid, NoErrorsNoWarnings) {
  const caw::Report r = check(GetParam().second);
  EXPECT_TRUE(r.valid()) << dump(r);
  EXPECT_TRUE(r.warnings().empty()) << dump(r);
}

INSTANTIATE_TEST_SUITE_P(
    Section6, Valid,
    ::testing::Values(
        std::pair{"delay_duration", wrap(R"({"action": "delay", "duration": "5 minutes"})")},
        std::pair{"delay_decimal_weeks", wrap(R"({"action": "delay", "duration": "1.5 weeks"})")},
        std::pair{"delay_until_extended", wrap(R"({"action": "delay", "until": "2024-04-08T08:09:10.123Z"})")},
        std::pair{"delay_until_offset", wrap(R"({"action": "delay", "until": "2024-04-08T08:09:10+02:00"})")},
        std::pair{"delay_until_space", wrap(R"({"action": "delay", "until": "2024-04-08 08:09:10Z"})")},
        std::pair{"delay_until_short_offset", wrap(R"({"action": "delay", "until": "2024-04-08T08:09:10.5+0530"})")},
        std::pair{"send_run_fallbacks", wrap(R"({"action": "send"})")},
        std::pair{"send_own_fields", wrap(R"({"action": "send", "recipient": "u", "template": "T"})", "")},
        std::pair{"send_list", wrap(R"({"action": "send-list", "list": "L", "template": "T"})", "")},
        std::pair{"send_list_run_template", wrap(R"({"action": "send-list", "list": "L"})")},
        std::pair{"send_step_recipient_empty_falls_back", wrap(R"({"action": "send", "recipient": ""})")},
        std::pair{"send_step_nulls_fall_back",
                  wrap(R"({"action": "send", "brand": null, "template": null, "data": null, "override": null})")},
        std::pair{"send_data_deep_extended", wrap(R"({"action": "send", "data": {"a": {"b": 1}}, "profile": {}})",
                                                  R"("recipient": "u", "template": "T", "data": {"a": {"c": 2}})")},
        std::pair{
            "send_list_data_source",
            wrap(
                R"({"action": "send-list", "list": "L", "data_source": {"webhook": {"url": "https://x.org", "method": "get"}, "merge_strategy": "none"}})")},
        std::pair{
            "update_profile_own",
            wrap(R"({"action": "update-profile", "recipient_id": "u", "profile": {}, "merge": "overwrite"})", "")},
        std::pair{"update_profile_empty_recipient",
                  wrap(R"({"action": "update-profile", "recipient_id": "", "profile": {}, "merge": "none"})", "")},
        std::pair{"cancel_other_token", wrap(R"({"action": "cancel", "cancelation_token": "other"})")},
        std::pair{
            "fetch",
            wrap(
                R"({"action": "fetch-data", "webhook": {"url": "https://x.org/a?b=1", "method": "POST", "headers": {"a": "b"}, "params": {"q": 1}}, "merge_strategy": "soft-merge"})")},
        std::pair{
            "fetch_header_accessor",
            wrap(
                R"({"action": "fetch-data", "webhook": {"url": "https://x.org", "method": "GET", "headers": {"Authorization": {"$ref": "data.token"}}}, "merge_strategy": "replace", "idempotency_key": "k"})")},
        std::pair{"invoke",
                  wrap(R"({"action": "invoke", "template": "T", "context": {"data": {"x": [1, 2.5, true, null]}}})")},
        std::pair{"invoke_context_accessor",
                  wrap(R"({"action": "invoke", "template": "T", "context": {"$ref": "data.ctx"}})")},
        std::pair{
            "cancel_alias_token",
            wrap(R"({"action": "cancel", "cancelation_token": {"$ref": "data.token"}, "if": "data.x", "ref": "c"})")},
        std::pair{"refs_if", wrap(R"({"action": "send", "ref": "a", "if": "data.x === 1"},
{"action": "send", "ref": "b", "if": "refs.a.status < 3"})")},
        std::pair{"unicode", wrap(R"({"action": "send", "data": {"name": "Zoë ✓ 𝄞", "esc": "a\"b\\n\u00e9"}})")}),
    [](const auto& info) { return std::string(info.param.first); });

TEST(Validate, AccessorObjectsResolveAtTheCourierLevel) {
  const caw::Report r =
      check(wrap(R"({"action": "send", "recipient": {"$ref": "data.user.id"}, "template": {"$ref": "data.t"}})", ""));
  EXPECT_TRUE(r.valid()) << dump(r);
}

TEST(Validate, SchemaLevelIgnoresEngineRules) {
  const caw::Report r =
      check(wrap(R"({"action": "delay", "duration": "PT5M", "ref": 5, "whatever": 1})", ""), Level::Schema);
  EXPECT_TRUE(r.valid()) << dump(r);
  EXPECT_TRUE(r.warnings().empty()) << dump(r);
  EXPECT_TRUE(check(R"({"automation": {"steps": []}})", Level::Schema).valid());
}

// Courier's own example (the OpenAPI's and the SDK's) writes `until` in the basic format, which
// Courier's invoke check refuses; the fixture in valid/ is the same request with the fix.
TEST(Validate, CouriersOwnExampleIsRefusedAndTheFixValidates) {
  const std::string verbatim =
      caw::test::read_file(std::string(CAW_FIXTURES_DIR) + "/invalid/delay.until.basic_format.json");
  const caw::Report refused = check(verbatim);
  ASSERT_EQ(refused.errors().size(), 1u) << dump(refused);
  EXPECT_EQ(refused.errors()[0].code, "delay.until.basic_format");
  EXPECT_EQ(refused.errors()[0].hint, R"(use the extended format: "2024-04-08T08:09:10.123Z")");
  EXPECT_TRUE(check(verbatim, Level::Schema).valid());

  const std::string seed = caw::test::read_file(std::string(CAW_FIXTURES_DIR) + "/valid/seed-example.json");
  const caw::Report r = check(seed);
  EXPECT_TRUE(r.valid()) << dump(r);
  ASSERT_EQ(r.warnings().size(), 1u) << dump(r);
  EXPECT_EQ(r.warnings()[0].code, "delay.until.no_offset");
  EXPECT_EQ(r.warnings()[0].path, "/automation/steps/0/until");
}

// Warnings only: Courier accepts these (section 6's contested cases).
TEST(Validate, ContestedFormsAreWarningsAtTheCourierLevel) {
  const std::string text = wrap(
      R"({"action": "fetch-data", "webhook": {"url": "https://x.org", "method": "get", "body": {"a": 1}}, "merge_strategy": "none"},
{"action": "fetch-data", "webhook": {"url": "https://x.org", "body": "{}"}, "merge_strategy": "replace"},
{"action": "subscribe", "list_id": "L", "recipient_id": "u"},
{"action": "send", "message": {"to": {"user_id": "u"}, "content": {"body": "hi"}}},
{"action": "delay", "delayUntil": "20240408T080910"})");
  const caw::Report r = check(text);
  EXPECT_TRUE(r.valid()) << dump(r);
  EXPECT_FALSE(check(text, Level::Schema).valid());
  std::vector<std::string> codes;
  for (const caw::Problem& p : r.warnings()) codes.push_back(p.code + " " + p.path);
  EXPECT_EQ(codes, (std::vector<std::string>{
                       "contract.openapi_stricter /automation/steps/0/merge_strategy",
                       "contract.contradiction /automation/steps/0/webhook/body",
                       "contract.openapi_stricter /automation/steps/0/webhook/method",
                       "contract.contradiction /automation/steps/1/webhook/body",
                       "contract.openapi_stricter /automation/steps/1/webhook/method",
                       "step.action.engine_only /automation/steps/2/action",
                       "send.message.not_in_openapi /automation/steps/3/message",
                       // delayUntil gets no format check at invoke time; parseISO reads the basic format
                       "delay.until.no_offset /automation/steps/4/delayUntil",
                       "property.deprecated /automation/steps/4/delayUntil",
                   }))
      << dump(r);
}

// A wrong type is reported once, where it is written, however the filling carries it.
TEST(Validate, RunLevelTypeErrorsAreReportedOnceAtTheRunLevel) {
  const caw::Report r = check(wrap(R"({"action": "send"}, {"action": "send-list", "list": "L"})",
                                   R"("recipient": "u", "template": 5, "brand": [], "data": "x")"));
  std::vector<std::string> paths;
  for (const caw::Problem& p : r.errors()) paths.push_back(p.code + " " + p.path);
  EXPECT_EQ(paths, (std::vector<std::string>{"schema.type /brand", "schema.type /data", "schema.type /template"}))
      << dump(r);
}

TEST(Validate, ProblemsComeInCanonicalOrder) {
  std::string steps;
  for (int i = 0; i < 12; ++i) steps += std::string(i ? ",\n" : "") + R"({"action": "delay", "duration": "PT5M"})";
  const caw::Report r = check(wrap(steps));
  ASSERT_EQ(r.errors().size(), 12u);
  EXPECT_EQ(r.errors()[2].path, "/automation/steps/2/duration");
  EXPECT_EQ(r.errors()[11].path, "/automation/steps/11/duration");
}

}  // namespace

namespace std {
// Short names for parameterized cases in ctest output.
inline void PrintTo(const pair<const char*, string>& c, ostream* os) {
  *os << c.first;
}
}  // namespace std
