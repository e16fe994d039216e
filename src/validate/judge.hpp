#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "json/path.hpp"
#include "limits.hpp"
#include "report/problem.hpp"
#include "schema/level.hpp"
#include "validate/facts.hpp"

namespace caw {

// The one judge: every schema and courier rule, run once over the facts the scanner collected
// (validate/scan.hpp). The field table (schema/spec) drives the shape checks (validate/shape.cpp);
// what the table cannot say lives in one file per step kind (validate/rules/) plus the run level
// (validate/rules/run.cpp). Each problem carries the byte offset of the value it is about (or of
// the object a missing member belongs to), from which the validator computes line and column.
class Judge {
 public:
  Judge(const facts::Facts& facts, Level level, const Limits& limits, Report& report)
      : facts_(facts), level_(level), limits_(limits), report_(report) {}

  // Runs every rule for the request at nodes[0].
  void run();

  [[nodiscard]] const facts::Facts& facts() const { return facts_; }
  [[nodiscard]] const facts::Node& node(std::uint32_t id) const { return facts_.at(id); }
  [[nodiscard]] std::uint32_t member(std::uint32_t object, std::string_view key) const {
    return facts_.member(object, key);
  }
  [[nodiscard]] bool courier() const { return level_ == Level::Courier; }
  [[nodiscard]] const Limits& limits() const { return limits_; }
  Report& report() { return report_; }

  // A non-empty string or an accessor object {"$ref": "..."}.
  [[nodiscard]] bool resolves(std::uint32_t id) const;
  // The member `key` of `object` is present and not null (kNone otherwise).
  [[nodiscard]] std::uint32_t present(std::uint32_t object, std::string_view key) const;
  // The member `key` of `object` is a string (kNone otherwise).
  [[nodiscard]] std::uint32_t string_member(std::uint32_t object, std::string_view key) const;

  void error(const char* code, const Path& path, std::uint32_t offset, std::string message, std::string hint);
  void warning(const char* code, const Path& path, std::uint32_t offset, std::string message, std::string hint);

 private:
  const facts::Facts& facts_;
  Level level_;
  const Limits& limits_;
  Report& report_;
};

// Adds a located problem (every rule and the scanner report through it).
void add_problem(Report& report, Severity severity, const char* code, const Path& path, std::uint32_t offset,
                 std::string message, std::string hint);

// "null", "a string", ...: how messages name a value's type.
std::string_view type_name(facts::Type type);

// validate/shape.cpp: the field table's rules for the whole request (types, required members,
// enums, nullability, accessors, aliases, unknown properties, the steps limit).
void check_shape(Judge& judge);

}  // namespace caw
