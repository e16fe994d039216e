// JavaScript semantics for the subset, over JSON values. The tree's height was bounded by the
// parser (limits.max_expression_depth), so the recursion here is bounded too.
#include <cmath>
#include <cstdlib>
#include <limits>

#include "expr/expr.hpp"

namespace caw::expr {

namespace {

using json = nlohmann::json;

Value from_json(const json* j) {
  Value v;
  if (j == nullptr) return v;
  switch (j->type()) {
    case json::value_t::null: v.type = Value::Type::Null; break;
    case json::value_t::boolean:
      v.type = Value::Type::Bool;
      v.boolean = j->get<bool>();
      break;
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float:
      v.type = Value::Type::Number;
      v.number = j->get<double>();
      break;
    case json::value_t::string:
      v.type = Value::Type::String;
      v.string = j->get_ref<const std::string&>();
      break;
    case json::value_t::object:
      v.type = Value::Type::Object;
      v.ref = j;
      break;
    case json::value_t::array:
      v.type = Value::Type::Array;
      v.ref = j;
      break;
    default: break;  // binary / discarded: undefined
  }
  return v;
}

double to_number(const Value& v) {
  switch (v.type) {
    case Value::Type::Undefined: return std::numeric_limits<double>::quiet_NaN();
    case Value::Type::Null: return 0;
    case Value::Type::Bool: return v.boolean ? 1 : 0;
    case Value::Type::Number: return v.number;
    case Value::Type::String: {
      std::size_t b = 0;
      std::size_t e = v.string.size();
      auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; };
      while (b < e && space(v.string[b])) ++b;
      while (e > b && space(v.string[e - 1])) --e;
      if (b == e) return 0;
      const std::string s = v.string.substr(b, e - b);
      if (s == "Infinity" || s == "+Infinity") return std::numeric_limits<double>::infinity();
      if (s == "-Infinity") return -std::numeric_limits<double>::infinity();
      for (char c : s) {
        // strtod also reads "inf", "nan" and hex floats, which JS's Number() does not.
        if (!((c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-')) {
          return std::numeric_limits<double>::quiet_NaN();
        }
      }
      char* end = nullptr;
      const double d = std::strtod(s.c_str(), &end);
      return end == s.c_str() + s.size() ? d : std::numeric_limits<double>::quiet_NaN();
    }
    case Value::Type::Object:
    case Value::Type::Array: return std::numeric_limits<double>::quiet_NaN();
  }
  return std::numeric_limits<double>::quiet_NaN();
}

bool strict_equal(const Value& a, const Value& b) {
  if (a.type != b.type) return false;
  switch (a.type) {
    case Value::Type::Undefined:
    case Value::Type::Null: return true;
    case Value::Type::Bool: return a.boolean == b.boolean;
    case Value::Type::Number: return a.number == b.number;
    case Value::Type::String: return a.string == b.string;
    case Value::Type::Object:
    case Value::Type::Array: return a.ref == b.ref;  // identity, as in JS
  }
  return false;
}

bool nullish(const Value& v) {
  return v.type == Value::Type::Undefined || v.type == Value::Type::Null;
}

// Abstract equality for primitives; an object equals only itself (its ToPrimitive is not modelled).
bool loose_equal(const Value& a, const Value& b) {
  if (a.type == b.type) return strict_equal(a, b);
  if (nullish(a) || nullish(b)) return nullish(a) && nullish(b);
  if (a.type == Value::Type::Object || a.type == Value::Type::Array || b.type == Value::Type::Object ||
      b.type == Value::Type::Array) {
    return false;
  }
  return to_number(a) == to_number(b);
}

Value boolean(bool b) {
  Value v;
  v.type = Value::Type::Bool;
  v.boolean = b;
  return v;
}

// a < b (or a <= b) with JS's rules: two strings compare by code units (bytes here, equal for
// ASCII), anything else by ToNumber; NaN makes every comparison false.
bool less(const Value& a, const Value& b, bool or_equal) {
  if (a.type == Value::Type::String && b.type == Value::Type::String) {
    return or_equal ? a.string <= b.string : a.string < b.string;
  }
  const double x = to_number(a);
  const double y = to_number(b);
  if (std::isnan(x) || std::isnan(y)) return false;
  return or_equal ? x <= y : x < y;
}

std::string property_key(const Value& v) {
  switch (v.type) {
    case Value::Type::String: return v.string;
    case Value::Type::Number: {
      if (std::floor(v.number) == v.number && std::fabs(v.number) < 1e15) {
        return std::to_string(static_cast<long long>(v.number));
      }
      return json(v.number).dump();
    }
    case Value::Type::Bool: return v.boolean ? "true" : "false";
    case Value::Type::Null: return "null";
    default: return "undefined";
  }
}

class Evaluator {
 public:
  Evaluator(const Expression& e, const Scope& s) : e_(e), s_(s) {}

  Value eval(std::uint32_t i) {
    const Node& n = e_.nodes[i];
    switch (n.op) {
      case Op::Literal: {
        if (n.undefined) return Value{};
        return from_json(&n.literal);
      }
      case Op::Root: return root(n.root);
      case Op::Member: return member(eval(n.a), n.name);
      case Op::Index: {
        Value object = eval(n.a);
        return member(object, property_key(eval(n.b)));
      }
      case Op::Not: return boolean(!truthy(eval(n.a)));
      case Op::And: {
        Value left = eval(n.a);
        return truthy(left) ? eval(n.b) : left;
      }
      case Op::Or: {
        Value left = eval(n.a);
        return truthy(left) ? left : eval(n.b);
      }
      case Op::StrictEq: return boolean(strict_equal(eval(n.a), eval(n.b)));
      case Op::StrictNe: return boolean(!strict_equal(eval(n.a), eval(n.b)));
      case Op::LooseEq: return boolean(loose_equal(eval(n.a), eval(n.b)));
      case Op::LooseNe: return boolean(!loose_equal(eval(n.a), eval(n.b)));
      case Op::Lt: return boolean(less(eval(n.a), eval(n.b), false));
      case Op::Le: return boolean(less(eval(n.a), eval(n.b), true));
      case Op::Gt: return boolean(less(eval(n.b), eval(n.a), false));
      case Op::Ge: return boolean(less(eval(n.b), eval(n.a), true));
    }
    return Value{};
  }

  std::size_t undefined_reads = 0;

 private:
  Value root(Root r) const {
    switch (r) {
      case Root::Data: return from_json(s_.data);
      case Root::Profile: return from_json(s_.profile);
      case Root::Refs: return from_json(s_.refs);
      case Root::Recipient: return from_json(s_.recipient);
      case Root::Brand: return from_json(s_.brand);
      case Root::Template: return from_json(s_.template_id);
      case Root::MessageStatus: return from_json(&message_status_object());
    }
    return Value{};
  }

  Value member(const Value& object, const std::string& key) {
    switch (object.type) {
      case Value::Type::Object: {
        auto it = object.ref->find(key);
        return it == object.ref->end() ? Value{} : from_json(&*it);
      }
      case Value::Type::Array: {
        if (key == "length") {
          Value v;
          v.type = Value::Type::Number;
          v.number = static_cast<double>(object.ref->size());
          return v;
        }
        char* end = nullptr;
        const unsigned long long index = std::strtoull(key.c_str(), &end, 10);
        if (key.empty() || end != key.c_str() + key.size() || key[0] == '-' || index >= object.ref->size()) {
          return Value{};
        }
        return from_json(&(*object.ref)[static_cast<std::size_t>(index)]);
      }
      case Value::Type::String: {
        if (key == "length") {
          Value v;
          v.type = Value::Type::Number;
          v.number = static_cast<double>(object.string.size());
          return v;
        }
        return Value{};
      }
      case Value::Type::Undefined:
      case Value::Type::Null: ++undefined_reads; return Value{};
      default: return Value{};
    }
  }

  const Expression& e_;
  const Scope& s_;
};

}  // namespace

bool truthy(const Value& v) {
  switch (v.type) {
    case Value::Type::Undefined:
    case Value::Type::Null: return false;
    case Value::Type::Bool: return v.boolean;
    case Value::Type::Number: return v.number != 0 && !std::isnan(v.number);
    case Value::Type::String: return !v.string.empty();
    case Value::Type::Object:
    case Value::Type::Array: return true;
  }
  return false;
}

nlohmann::json Value::to_json() const {
  switch (type) {
    case Type::Undefined:
    case Type::Null: return nullptr;
    case Type::Bool: return boolean;
    case Type::Number: {
      if (std::floor(number) == number && std::fabs(number) < 9e15) return static_cast<std::int64_t>(number);
      return number;
    }
    case Type::String: return string;
    case Type::Object:
    case Type::Array: return *ref;
  }
  return nullptr;
}

EvalResult evaluate(const Expression& e, const Scope& scope) {
  EvalResult r;
  if (e.nodes.empty()) return r;
  Evaluator ev(e, scope);
  r.value = ev.eval(static_cast<std::uint32_t>(e.nodes.size() - 1));
  r.undefined_reads = ev.undefined_reads;
  return r;
}

const nlohmann::json& message_status_object() {
  static const nlohmann::json kStatus = {{"Undeliverable", 0}, {"Enqueued", 1}, {"Sent", 2},
                                         {"Delivered", 3},     {"Opened", 4},   {"Clicked", 5}};
  return kStatus;
}

}  // namespace caw::expr
