#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace caw {

enum class Severity : std::uint8_t { Error, Warning };

// One thing wrong with a payload: the report shape shared by C++, JS and the CLI.
// `code` is a stable dotted id (documented in docs/rules.md), `path` a JSON Pointer to the
// offending value, `hint` a concrete fix; line/column (1-based) only when the input was text.
struct Problem {
  Severity severity = Severity::Error;
  std::string code;
  std::string path;
  std::string message;
  std::string hint;  // empty: no hint
  std::optional<std::uint32_t> line;
  std::optional<std::uint32_t> column;
  // Byte offset of the value in the text it was read from (the validator fills line/column from it).
  std::optional<std::uint32_t> offset;
};

class Report {
 public:
  void error(std::string code, std::string path, std::string message, std::string hint = {});
  void warning(std::string code, std::string path, std::string message, std::string hint = {});
  void add(Problem p);

  [[nodiscard]] bool valid() const { return errors_.empty(); }
  [[nodiscard]] const std::vector<Problem>& errors() const { return errors_; }
  [[nodiscard]] const std::vector<Problem>& warnings() const { return warnings_; }
  std::vector<Problem>& errors() { return errors_; }
  std::vector<Problem>& warnings() { return warnings_; }

  // Appends another report's problems, prefixing their paths (e.g. "/invocations/0/request").
  void merge(const Report& other, const std::string& path_prefix = {});

  // Fills line/column of every problem from the text the payload was parsed from.
  void locate_in(std::string_view text);

  // {"valid": bool, "errors": [...], "warnings": [...]}; absent hint/line/column are omitted.
  [[nodiscard]] nlohmann::json to_json() const;

  // The same report as compact JSON text ({"valid", "errors", "warnings"} in that order), written
  // directly: the wasm hot path's answer, several times faster than dump_json(to_json()).
  // Invalid UTF-8 in a message becomes U+FFFD, so the text is always valid JSON.
  [[nodiscard]] std::string to_json_text() const;

 private:
  std::vector<Problem> errors_;
  std::vector<Problem> warnings_;
};

}  // namespace caw
