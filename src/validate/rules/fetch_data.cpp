#include "util/text.hpp"
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

void check_fetch_data(Judge& j, const StepAt& step) {
  // method enum, headers values, body type and merge_strategy are table rules (schema/spec).
  const std::uint32_t webhook = j.member(step.node, "webhook");
  if (webhook == facts::kNone || j.node(webhook).type != facts::Type::Object) return;
  const std::uint32_t url = j.string_member(webhook, "url");
  if (url == facts::kNone) return;
  const facts::Node& u = j.node(url);
  if (!is_absolute_http_url(u.text)) {
    j.error("fetch-data.webhook.url", Path(Path(step.at, "webhook"), "url"), u.begin,
            cat({"\"", u.text, "\" is not an absolute http(s) URL"}), R"(e.g. "https://example.com/api/data")");
  }
}

}  // namespace caw::rules
