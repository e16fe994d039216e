#include "util/text.hpp"
#include "validate/rules/rules.hpp"

namespace caw::rules {

namespace {

// "https://" (any case), then a host, and no white space anywhere.
bool is_absolute_https_url(std::string_view url) {
  constexpr std::string_view kScheme = "https://";
  if (url.size() <= kScheme.size()) return false;
  for (std::size_t k = 0; k < kScheme.size(); ++k) {
    const char c = url[k];
    if ((c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c) != kScheme[k]) return false;
  }
  if (url[kScheme.size()] == '/' || url[kScheme.size()] == '?' || url[kScheme.size()] == '#') return false;
  for (const char c : url) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') return false;
  }
  return true;
}

}  // namespace

void check_fetch_data(Judge& j, const StepAt& step) {
  // The webhook's shape (url present and non-empty, method, headers, body) is table (validate/shape.cpp).
  const std::uint32_t webhook = j.member(step.node, "webhook");
  if (webhook == facts::kNone || j.node(webhook).type != facts::Type::Object) return;
  const std::uint32_t url = j.string_member(webhook, "url");
  if (url == facts::kNone || j.node(url).text.empty()) return;
  const facts::Node& u = j.node(url);
  if (!is_absolute_https_url(u.text)) {
    j.warning("fetch-data.webhook.url.not_https", Path(Path(step.at, "webhook"), "url"), u.begin,
              cat({"\"", u.text,
                   "\" is not an absolute https URL: Courier skips the step when its URL check is on, and the fetch "
                   "fails otherwise"}),
              R"(e.g. "https://example.com/api/data")");
  }
}

}  // namespace caw::rules
