#include "simulate/interpolate.hpp"

#include "json/dump.hpp"

namespace caw::sim {

namespace {

// String(value), as far as the dry run's values go.
std::string js_string(const expr::Value& v, std::string& problem, std::string_view source) {
  switch (v.type) {
    case expr::Value::Type::String: return v.string;
    case expr::Value::Type::Undefined: problem = "${" + std::string(source) + "} is undefined"; return "undefined";
    case expr::Value::Type::Null: return "null";
    case expr::Value::Type::Bool: return v.boolean ? "true" : "false";
    case expr::Value::Type::Number: return dump_json(v.to_json());
    case expr::Value::Type::Object: return "[object Object]";
    case expr::Value::Type::Array: return dump_json(v.to_json());
  }
  return {};
}

// The `}` closing the `${` whose body starts at `from`, or npos.
std::size_t closing(std::string_view text, std::size_t from) {
  int depth = 1;
  for (std::size_t i = from; i < text.size(); ++i) {
    if (text[i] == '{') ++depth;
    if (text[i] == '}' && --depth == 0) return i;
  }
  return std::string_view::npos;
}

}  // namespace

std::string interpolate(std::string_view text, const expr::Scope& scope, const Limits& limits, std::string& problem) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t open = text.find("${", i);
    const std::size_t close = open == std::string_view::npos ? open : closing(text, open + 2);
    if (close == std::string_view::npos) {
      out.append(text.substr(i));
      break;
    }
    out.append(text.substr(i, open - i));
    std::string_view inner = text.substr(open + 2, close - open - 2);
    while (!inner.empty() && inner.front() == ' ') inner.remove_prefix(1);
    while (!inner.empty() && inner.back() == ' ') inner.remove_suffix(1);
    if (inner.size() >= 2 && inner.front() == '`' && inner.back() == '`') {
      out += interpolate(inner.substr(1, inner.size() - 2), scope, limits, problem);
    } else {
      const expr::ParseResult parsed = expr::parse(inner, limits);
      if (parsed.ok) {
        out += js_string(expr::evaluate(parsed.expression, scope).value, problem, inner);
      } else {
        problem = "${" + std::string(inner) + "} is outside what the dry run evaluates; kept as written";
        out.append(text.substr(open, close - open + 1));
      }
    }
    i = close + 1;
  }
  return out;
}

}  // namespace caw::sim
