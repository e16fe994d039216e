#include "rules/oracle_rules.hpp"

namespace caw::oracle::rules {

void check_fetch_data(const nlohmann::json& step, const std::string& at, Report& report) {
  // method enum, headers values, body type and merge_strategy are table rules (schema/spec.cpp).
  auto webhook = step.find("webhook");
  if (webhook == step.end() || !webhook->is_object()) return;
  auto url = webhook->find("url");
  if (url == webhook->end() || !url->is_string()) return;
  const std::string& u = url->get_ref<const std::string&>();
  if (!caw::rules::is_absolute_http_url(u)) {
    report.error("fetch-data.webhook.url", at + "/webhook/url", "\"" + u + "\" is not an absolute http(s) URL",
                 R"(e.g. "https://example.com/api/data")");
  }
}

}  // namespace caw::oracle::rules
