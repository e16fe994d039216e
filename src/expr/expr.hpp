#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "limits.hpp"

namespace caw::expr {

// The safe subset of JavaScript that step `if` expressions may use (courier-semantics.md
// section 6), parsed into a flat tree and evaluated over JSON, never handed to a JS engine:
//   literals      'str' "str" 12 1.5e3 true false null undefined
//   roots         data profile refs recipient brand template MessageStatus
//   member access a.b  a["b"]  a[0]  (s.length on strings and arrays)
//   operators     ! === !== == != < <= > >= && || and parentheses
// Anything else (calls, arithmetic, assignment, other identifiers, ...) is a parse error
// with the byte offset where it starts.

enum class Root : std::uint8_t { Data, Profile, Refs, Recipient, Brand, Template, MessageStatus };

enum class Op : std::uint8_t {
  Literal,  // value in Node::literal
  Root,     // Node::root
  Member,   // Node::a . Node::name
  Index,    // Node::a [ Node::b ]
  Not,      // ! Node::a
  And,
  Or,
  StrictEq,
  StrictNe,
  LooseEq,
  LooseNe,
  Lt,
  Le,
  Gt,
  Ge,
};

struct Node {
  Op op = Op::Literal;
  Root root = Root::Data;
  std::uint32_t a = 0;
  std::uint32_t b = 0;
  std::string name;        // Member
  nlohmann::json literal;  // Literal (null for null)
  bool undefined = false;  // Literal `undefined`
};

struct ParseError {
  std::size_t offset = 0;  // byte offset into the expression text
  std::string message;
};

struct Expression {
  std::vector<Node> nodes;  // children before parents; the last node is the root
  [[nodiscard]] bool empty() const { return nodes.empty(); }
};

struct ParseResult {
  Expression expression;
  bool ok = false;
  ParseError error;  // when !ok
};

// Parses an `if` expression. Never aborts, never recurses deeper than
// limits.max_expression_depth, refuses text longer than limits.max_expression_bytes.
ParseResult parse(std::string_view text, const Limits& limits = {});

// Parses an accessor path ({"$ref": "data.user.id"}): a member chain from one of the roots.
ParseResult parse_path(std::string_view path, const Limits& limits = {});

// What an expression reads. Pointers may be null (= undefined). All of them must outlive
// the evaluation: results point into them.
struct Scope {
  const nlohmann::json* data = nullptr;
  const nlohmann::json* profile = nullptr;
  const nlohmann::json* refs = nullptr;
  const nlohmann::json* recipient = nullptr;
  const nlohmann::json* brand = nullptr;
  const nlohmann::json* template_id = nullptr;
};

// A JavaScript value as the evaluator sees it. Objects and arrays point into the scope.
struct Value {
  enum class Type : std::uint8_t { Undefined, Null, Bool, Number, String, Object, Array };
  Type type = Type::Undefined;
  bool boolean = false;
  double number = 0;
  std::string string;
  const nlohmann::json* ref = nullptr;           // Object / Array
  [[nodiscard]] nlohmann::json to_json() const;  // undefined -> null
};

bool truthy(const Value& v);

// Evaluates a parsed expression. Reading a property of undefined/null yields undefined (JS
// would throw a TypeError; the dry run keeps going) and is counted in `undefined_reads`.
struct EvalResult {
  Value value;
  std::size_t undefined_reads = 0;
};
EvalResult evaluate(const Expression& e, const Scope& scope);

// MessageStatus as the dry run models it: an ordered enum of numbers, so that
// `refs.outreach.status < MessageStatus.Opened` compares in delivery order.
// UNDELIVERABLE 0 < ENQUEUED 1 < SENT 2 < DELIVERED 3 < OPENED 4 < CLICKED 5.
const nlohmann::json& message_status_object();
constexpr int kMessageStatusSent = 2;

}  // namespace caw::expr
