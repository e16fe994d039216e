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
  // `closes`: the courier level's closed-shape pass (check_closed) follows the table's rules, so
  // those leave unknown step properties to it (normalize runs the table's rules alone).
  Judge(const facts::Facts& facts, Level level, const Limits& limits, Report& report, bool closes = true)
      : facts_(facts), level_(level), limits_(limits), report_(report), closes_(closes) {}

  // Runs every rule for the request at nodes[0].
  void run();

  [[nodiscard]] const facts::Facts& facts() const { return facts_; }
  [[nodiscard]] const facts::Node& node(std::uint32_t id) const { return facts_.at(id); }
  [[nodiscard]] std::uint32_t member(std::uint32_t object, std::string_view key) const {
    return facts_.member(object, key);
  }
  [[nodiscard]] bool courier() const { return level_ == Level::Courier; }
  [[nodiscard]] bool closes() const { return closes_ && courier(); }
  [[nodiscard]] const Limits& limits() const { return limits_; }
  Report& report() { return report_; }

  // A non-empty string or an accessor object {"$ref": "..."}.
  [[nodiscard]] bool resolves(std::uint32_t id) const;
  // The member `key` of `object` is present and not null (kNone otherwise).
  [[nodiscard]] std::uint32_t present(std::uint32_t object, std::string_view key) const;
  // The member `key` of `object` is a string (kNone otherwise).
  [[nodiscard]] std::uint32_t string_member(std::uint32_t object, std::string_view key) const;
  // The members of this object are in the facts (the scanner records them only down to the
  // members of a step field's or a webhook field's value; an empty object has none to miss).
  [[nodiscard]] bool recorded(std::uint32_t object) const {
    return node(object).count == 0 || node(object).first != facts::kNone;
  }

  void error(const char* code, const Path& path, std::uint32_t offset, std::string message, std::string hint);
  void warning(const char* code, const Path& path, std::uint32_t offset, std::string message, std::string hint);

 private:
  const facts::Facts& facts_;
  Level level_;
  const Limits& limits_;
  Report& report_;
  bool closes_;
};

// Adds a located problem (every rule and the scanner report through it).
void add_problem(Report& report, Severity severity, const char* code, const Path& path, std::uint32_t offset,
                 std::string message, std::string hint);

// "null", "a string", ...: how messages name a value's type.
std::string_view type_name(facts::Type type);

// validate/shape.cpp: the field table's rules for the whole request (types, required members,
// enums, nullability, accessors, aliases, unknown properties, the steps limit), and at the courier
// level where the OpenAPI and Courier's engine disagree about a field.
void check_shape(Judge& judge);
// validate/shape.cpp: the courier level's closed-shape rules: every step, filled from the run
// context (validate/fill.hpp), against its action's closed shape (schema/closed.hpp).
void check_closed(Judge& judge);

}  // namespace caw
