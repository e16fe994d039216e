#include "report/problem.hpp"

#include <nlohmann/json.hpp>

#include "json/locate.hpp"
#include "json/write_string.hpp"
#include "util/decimal.hpp"

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
    if (p.line) {
      out += ",\"line\":";
      append_decimal(out, *p.line);
    }
    if (p.column) {
      out += ",\"column\":";
      append_decimal(out, *p.column);
    }
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
