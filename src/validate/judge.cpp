#include "validate/judge.hpp"

#include "validate/rules/rules.hpp"

namespace caw {

using facts::kNone;
using facts::Type;

std::string_view type_name(Type type) {
  switch (type) {
    case Type::Null: return "null";
    case Type::Bool: return "a boolean";
    case Type::Number: return "a number";
    case Type::String: return "a string";
    case Type::Array: return "an array";
    case Type::Object: return "an object";
  }
  return "an unsupported value";
}

bool Judge::resolves(std::uint32_t id) const {
  if (id == kNone) return false;
  const facts::Node& n = node(id);
  return n.type == Type::String ? !n.text.empty() : n.accessor;
}

std::uint32_t Judge::present(std::uint32_t object, std::string_view key) const {
  const std::uint32_t id = member(object, key);
  return id == kNone || node(id).type == Type::Null ? kNone : id;
}

std::uint32_t Judge::string_member(std::uint32_t object, std::string_view key) const {
  const std::uint32_t id = member(object, key);
  return id == kNone || node(id).type != Type::String ? kNone : id;
}

void add_problem(Report& report, Severity severity, const char* code, const Path& path, std::uint32_t offset,
                 std::string message, std::string hint) {
  Problem p{severity, code, path.str(), std::move(message), std::move(hint), {}, {}, {}};
  p.offset = offset;
  report.add(std::move(p));
}

void Judge::error(const char* code, const Path& path, std::uint32_t offset, std::string message, std::string hint) {
  add_problem(report_, Severity::Error, code, path, offset, std::move(message), std::move(hint));
}

void Judge::warning(const char* code, const Path& path, std::uint32_t offset, std::string message, std::string hint) {
  add_problem(report_, Severity::Warning, code, path, offset, std::move(message), std::move(hint));
}

void Judge::run() {
  check_shape(*this);
  if (!courier()) return;
  check_closed(*this);
  rules::check_run(*this);
}

}  // namespace caw
