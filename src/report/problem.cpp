#include "report/problem.hpp"

#include <nlohmann/json.hpp>

#include "json/locate.hpp"

namespace caw {

void Report::error(std::string code, std::string path, std::string message, std::string hint) {
  add(Problem{Severity::Error, std::move(code), std::move(path), std::move(message), std::move(hint), {}, {}, {}});
}

void Report::warning(std::string code, std::string path, std::string message, std::string hint) {
  add(Problem{Severity::Warning, std::move(code), std::move(path), std::move(message), std::move(hint), {}, {}, {}});
}

void Report::add(Problem p) {
  (p.severity == Severity::Error ? errors_ : warnings_).push_back(std::move(p));
}

void Report::merge(const Report& other, const std::string& path_prefix) {
  for (const auto* list : {&other.errors_, &other.warnings_}) {
    for (Problem p : *list) {
      p.path = path_prefix + p.path;
      add(std::move(p));
    }
  }
}

void Report::locate_in(std::string_view text) {
  std::vector<std::string> paths;
  for (const auto* list : {&errors_, &warnings_}) {
    for (const Problem& p : *list) {
      if (!p.line) paths.push_back(p.path);  // syntax errors arrive already located
    }
  }
  if (paths.empty()) return;
  const auto positions = locate_pointers(text, paths);
  for (auto* list : {&errors_, &warnings_}) {
    for (Problem& p : *list) {
      if (p.line) continue;
      auto it = positions.find(p.path);
      if (it != positions.end()) {
        p.line = it->second.line;
        p.column = it->second.column;
      }
    }
  }
}

namespace {
nlohmann::json problem_json(const Problem& p) {
  nlohmann::json j = {{"code", p.code}, {"path", p.path}, {"message", p.message}};
  if (!p.hint.empty()) j["hint"] = p.hint;
  if (p.line) j["line"] = *p.line;
  if (p.column) j["column"] = *p.column;
  return j;
}
}  // namespace

namespace {

// Length of a well-formed UTF-8 sequence at s[i] (Unicode table 3-7), or 0.
std::size_t utf8_length(std::string_view s, std::size_t i) {
  const auto b = [&](std::size_t k) { return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0u; };
  const unsigned c = b(0);
  const auto in = [](unsigned v, unsigned lo, unsigned hi) { return v >= lo && v <= hi; };
  if (in(c, 0xC2, 0xDF)) return in(b(1), 0x80, 0xBF) ? 2 : 0;
  if (c == 0xE0) return in(b(1), 0xA0, 0xBF) && in(b(2), 0x80, 0xBF) ? 3 : 0;
  if (in(c, 0xE1, 0xEC) || c == 0xEE || c == 0xEF) return in(b(1), 0x80, 0xBF) && in(b(2), 0x80, 0xBF) ? 3 : 0;
  if (c == 0xED) return in(b(1), 0x80, 0x9F) && in(b(2), 0x80, 0xBF) ? 3 : 0;
  if (c == 0xF0) return in(b(1), 0x90, 0xBF) && in(b(2), 0x80, 0xBF) && in(b(3), 0x80, 0xBF) ? 4 : 0;
  if (in(c, 0xF1, 0xF3)) return in(b(1), 0x80, 0xBF) && in(b(2), 0x80, 0xBF) && in(b(3), 0x80, 0xBF) ? 4 : 0;
  if (c == 0xF4) return in(b(1), 0x80, 0x8F) && in(b(2), 0x80, 0xBF) && in(b(3), 0x80, 0xBF) ? 4 : 0;
  return 0;
}

void append_json_string(std::string& out, std::string_view s) {
  static const char kHex[] = "0123456789abcdef";
  out += '"';
  for (std::size_t i = 0; i < s.size();) {
    std::size_t run = i;  // plain printable ASCII goes out in one append
    while (run < s.size()) {
      const auto r = static_cast<unsigned char>(s[run]);
      if (r < 0x20 || r >= 0x80 || r == '"' || r == '\\') break;
      ++run;
    }
    if (run > i) {
      out.append(s.data() + i, run - i);
      i = run;
      if (i == s.size()) break;
    }
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      const std::size_t n = utf8_length(s, i);
      if (n == 0) {
        out += "\\ufffd";
        ++i;
      } else {
        out.append(s.data() + i, n);
        i += n;
      }
      continue;
    }
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20) {
      out += "\\u00";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += static_cast<char>(c);
    }
    ++i;
  }
  out += '"';
}

void append_problems(std::string& out, const std::vector<Problem>& list) {
  out += '[';
  for (std::size_t i = 0; i < list.size(); ++i) {
    const Problem& p = list[i];
    if (i) out += ',';
    out += "{\"code\":";
    append_json_string(out, p.code);
    out += ",\"path\":";
    append_json_string(out, p.path);
    out += ",\"message\":";
    append_json_string(out, p.message);
    if (!p.hint.empty()) {
      out += ",\"hint\":";
      append_json_string(out, p.hint);
    }
    if (p.line) out += ",\"line\":" + std::to_string(*p.line);
    if (p.column) out += ",\"column\":" + std::to_string(*p.column);
    out += '}';
  }
  out += ']';
}

}  // namespace

std::string Report::to_json_text() const {
  std::string out;
  out.reserve(64 + 256 * (errors_.size() + warnings_.size()));
  out += valid() ? "{\"valid\":true,\"errors\":" : "{\"valid\":false,\"errors\":";
  append_problems(out, errors_);
  out += ",\"warnings\":";
  append_problems(out, warnings_);
  out += '}';
  return out;
}

nlohmann::json Report::to_json() const {
  nlohmann::json errors = nlohmann::json::array();
  nlohmann::json warnings = nlohmann::json::array();
  for (const Problem& p : errors_) errors.push_back(problem_json(p));
  for (const Problem& p : warnings_) warnings.push_back(problem_json(p));
  return {{"valid", valid()}, {"errors", std::move(errors)}, {"warnings", std::move(warnings)}};
}

}  // namespace caw
