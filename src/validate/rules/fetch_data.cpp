#include "validate/rules/rules.hpp"

namespace caw::rules {

bool is_absolute_http_url(std::string_view url) {
  std::size_t i = 0;
  auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  const std::string_view schemes[] = {"https://", "http://"};
  bool matched = false;
  for (std::string_view scheme : schemes) {
    if (url.size() < scheme.size()) continue;
    bool same = true;
    for (std::size_t k = 0; k < scheme.size(); ++k) {
      if (lower(url[k]) != scheme[k]) same = false;
    }
    if (same) {
      i = scheme.size();
      matched = true;
      break;
    }
  }
  if (!matched) return false;
  std::size_t host = 0;
  for (; i < url.size(); ++i) {
    const char c = url[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') return false;
    if (c == '/' || c == '?' || c == '#') break;
    ++host;
  }
  for (; i < url.size(); ++i) {
    const char c = url[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') return false;
  }
  return host > 0;
}

void check_fetch_data(const nlohmann::json& step, const std::string& at, Report& report) {
  // method enum, headers values, body type and merge_strategy are table rules (schema/spec.cpp).
  auto webhook = step.find("webhook");
  if (webhook == step.end() || !webhook->is_object()) return;
  auto url = webhook->find("url");
  if (url == webhook->end() || !url->is_string()) return;
  const std::string& u = url->get_ref<const std::string&>();
  if (!is_absolute_http_url(u)) {
    report.error("fetch-data.webhook.url", at + "/webhook/url", "\"" + u + "\" is not an absolute http(s) URL",
                 R"(e.g. "https://example.com/api/data")");
  }
}

}  // namespace caw::rules
