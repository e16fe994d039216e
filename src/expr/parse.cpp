// Recursive descent over the subset in expr.hpp. Every recursive call goes through
// Parser::enter(), which refuses to go deeper than limits.max_expression_depth; member chains
// are loops, and the resulting tree's height is checked too, so evaluation is bounded as well.
#include <cstdlib>

#include "expr/expr.hpp"
#include "json/utf8.hpp"

namespace caw::expr {

namespace {

enum class Tok : std::uint8_t { End, Ident, Number, String, Punct, Bad };

struct Token {
  Tok kind = Tok::End;
  std::size_t offset = 0;
  std::string_view text;  // identifier or punctuation
  std::string string;     // decoded string literal
  double number = 0;
};

bool ident_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$';
}
bool ident_part(char c) {
  return ident_start(c) || (c >= '0' && c <= '9');
}
bool digit(char c) {
  return c >= '0' && c <= '9';
}

class Parser {
 public:
  Parser(std::string_view text, const Limits& limits) : text_(text), limits_(limits) {}

  ParseResult run(bool path_only) {
    ParseResult r;
    if (text_.size() > limits_.max_expression_bytes) {
      fail(0, "expression longer than " + std::to_string(limits_.max_expression_bytes) + " bytes");
    } else {
      next();
      std::uint32_t root = path_only ? member_chain() : disjunction();
      if (!failed_ && tok_.kind != Tok::End) fail(tok_.offset, "unexpected '" + token_text() + "'");
      (void)root;
    }
    if (failed_) {
      r.error = error_;
      return r;
    }
    r.expression.nodes = std::move(nodes_);
    r.ok = true;
    return r;
  }

 private:
  // ------------------------------------------------------------ lexing
  void next() {
    tok_ = Token{};
    while (pos_ < text_.size() &&
           (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\n' || text_[pos_] == '\r')) {
      ++pos_;
    }
    tok_.offset = pos_;
    if (pos_ >= text_.size()) return;
    const char c = text_[pos_];
    if (ident_start(c)) {
      std::size_t end = pos_ + 1;
      while (end < text_.size() && ident_part(text_[end])) ++end;
      tok_.kind = Tok::Ident;
      tok_.text = text_.substr(pos_, end - pos_);
      pos_ = end;
      return;
    }
    if (digit(c) || (c == '.' && pos_ + 1 < text_.size() && digit(text_[pos_ + 1]))) {
      std::size_t end = pos_;
      while (end < text_.size() && digit(text_[end])) ++end;
      if (end < text_.size() && text_[end] == '.') {
        ++end;
        while (end < text_.size() && digit(text_[end])) ++end;
      }
      if (end < text_.size() && (text_[end] == 'e' || text_[end] == 'E')) {
        std::size_t e = end + 1;
        if (e < text_.size() && (text_[e] == '+' || text_[e] == '-')) ++e;
        if (e < text_.size() && digit(text_[e])) {
          while (e < text_.size() && digit(text_[e])) ++e;
          end = e;
        }
      }
      if (end < text_.size() && ident_part(text_[end])) {
        bad(end, "unsupported number literal");
        return;
      }
      tok_.kind = Tok::Number;
      tok_.number = std::strtod(std::string(text_.substr(pos_, end - pos_)).c_str(), nullptr);
      pos_ = end;
      return;
    }
    if (c == '\'' || c == '"') {
      lex_string(c);
      return;
    }
    static constexpr std::string_view kPuncts[] = {"===", "!==", "==", "!=", "<=", ">=", "&&", "||",
                                                   "<",   ">",   "!",  "(",  ")",  ".",  "[",  "]"};
    for (std::string_view p : kPuncts) {
      if (text_.substr(pos_, p.size()) == p) {
        tok_.kind = Tok::Punct;
        tok_.text = p;
        pos_ += p.size();
        return;
      }
    }
    bad(pos_, std::string("'") + c + "' is outside the supported expression subset");
  }

  void lex_string(char quote) {
    std::size_t i = pos_ + 1;
    std::string out;
    while (i < text_.size() && text_[i] != quote) {
      char c = text_[i];
      if (c == '\n' || c == '\r') break;
      if (c != '\\') {
        out += c;
        ++i;
        continue;
      }
      if (i + 1 >= text_.size()) break;
      const char e = text_[i + 1];
      i += 2;
      switch (e) {
        case 'n': out += '\n'; break;
        case 't': out += '\t'; break;
        case 'r': out += '\r'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'v': out += '\v'; break;
        case '0': out += '\0'; break;
        case 'u': {
          unsigned cp = 0;
          std::size_t k = 0;
          for (; k < 4 && i + k < text_.size(); ++k) {
            const char h = text_[i + k];
            unsigned d = 0;
            if (h >= '0' && h <= '9') {
              d = static_cast<unsigned>(h - '0');
            } else if (h >= 'a' && h <= 'f') {
              d = static_cast<unsigned>(h - 'a' + 10);
            } else if (h >= 'A' && h <= 'F') {
              d = static_cast<unsigned>(h - 'A' + 10);
            } else {
              break;
            }
            cp = cp * 16 + d;
          }
          if (k != 4) {
            bad(i - 2, "bad \\u escape");
            return;
          }
          i += 4;
          append_utf8(out, cp);
          break;
        }
        default: out += e; break;
      }
    }
    if (i >= text_.size() || text_[i] != quote) {
      bad(pos_, "unterminated string literal");
      return;
    }
    tok_.kind = Tok::String;
    tok_.string = std::move(out);
    pos_ = i + 1;
  }

  void bad(std::size_t at, std::string message) {
    tok_.kind = Tok::Bad;
    tok_.offset = at;
    fail(at, std::move(message));
  }

  std::string token_text() const {
    if (tok_.kind == Tok::End) return "end of expression";
    const std::size_t end = pos_ < text_.size() ? pos_ : text_.size();
    return std::string(text_.substr(tok_.offset, end - tok_.offset));
  }

  bool is_punct(std::string_view p) const { return tok_.kind == Tok::Punct && tok_.text == p; }

  void fail(std::size_t at, std::string message) {
    if (failed_) return;
    failed_ = true;
    error_ = ParseError{at, std::move(message)};
  }

  // ------------------------------------------------------------ tree
  std::uint32_t add(Node n, std::uint32_t height) {
    if (height > limits_.max_expression_depth) {
      fail(tok_.offset, "expression nested deeper than " + std::to_string(limits_.max_expression_depth));
    }
    nodes_.push_back(std::move(n));
    heights_.push_back(height);
    return static_cast<std::uint32_t>(nodes_.size() - 1);
  }
  std::uint32_t height(std::uint32_t i) const { return i < heights_.size() ? heights_[i] : 0; }

  std::uint32_t binary(Op op, std::uint32_t a, std::uint32_t b) {
    Node n;
    n.op = op;
    n.a = a;
    n.b = b;
    return add(std::move(n), 1 + std::max(height(a), height(b)));
  }

  bool enter() {
    if (++depth_ > limits_.max_expression_depth) {
      fail(tok_.offset, "expression nested deeper than " + std::to_string(limits_.max_expression_depth));
      return false;
    }
    return true;
  }
  void leave() { --depth_; }

  // ------------------------------------------------------------ grammar
  std::uint32_t disjunction() {
    if (!enter()) return 0;
    std::uint32_t left = conjunction();
    while (!failed_ && is_punct("||")) {
      next();
      left = binary(Op::Or, left, conjunction());
    }
    leave();
    return left;
  }

  std::uint32_t conjunction() {
    std::uint32_t left = equality();
    while (!failed_ && is_punct("&&")) {
      next();
      left = binary(Op::And, left, equality());
    }
    return left;
  }

  std::uint32_t equality() {
    std::uint32_t left = relational();
    while (!failed_ && tok_.kind == Tok::Punct) {
      Op op;
      if (tok_.text == "===") {
        op = Op::StrictEq;
      } else if (tok_.text == "!==") {
        op = Op::StrictNe;
      } else if (tok_.text == "==") {
        op = Op::LooseEq;
      } else if (tok_.text == "!=") {
        op = Op::LooseNe;
      } else {
        break;
      }
      next();
      left = binary(op, left, relational());
    }
    return left;
  }

  std::uint32_t relational() {
    std::uint32_t left = unary();
    while (!failed_ && tok_.kind == Tok::Punct) {
      Op op;
      if (tok_.text == "<") {
        op = Op::Lt;
      } else if (tok_.text == "<=") {
        op = Op::Le;
      } else if (tok_.text == ">") {
        op = Op::Gt;
      } else if (tok_.text == ">=") {
        op = Op::Ge;
      } else {
        break;
      }
      next();
      left = binary(op, left, unary());
    }
    return left;
  }

  std::uint32_t unary() {
    if (failed_) return 0;
    if (is_punct("!")) {
      if (!enter()) return 0;
      next();
      const std::uint32_t operand = unary();
      leave();
      Node n;
      n.op = Op::Not;
      n.a = operand;
      return add(std::move(n), 1 + height(operand));
    }
    return postfix(primary());
  }

  std::uint32_t postfix(std::uint32_t object) {
    while (!failed_) {
      if (is_punct(".")) {
        next();
        if (tok_.kind != Tok::Ident) {
          fail(tok_.offset, "expected a property name after '.'");
          return object;
        }
        Node n;
        n.op = Op::Member;
        n.a = object;
        n.name = std::string(tok_.text);
        next();
        object = add(std::move(n), 1 + height(object));
      } else if (is_punct("[")) {
        if (!enter()) return object;
        next();
        const std::uint32_t index = disjunction();
        leave();
        if (failed_) return object;
        if (!is_punct("]")) {
          fail(tok_.offset, "expected ']'");
          return object;
        }
        next();
        object = binary(Op::Index, object, index);
      } else if (is_punct("(")) {
        fail(tok_.offset, "function calls are outside the supported expression subset");
        return object;
      } else {
        return object;
      }
    }
    return object;
  }

  std::uint32_t primary() {
    if (failed_) return 0;
    Node n;
    switch (tok_.kind) {
      case Tok::Number:
        n.literal = tok_.number;
        next();
        return add(std::move(n), 1);
      case Tok::String:
        n.literal = std::move(tok_.string);
        next();
        return add(std::move(n), 1);
      case Tok::Ident: {
        const std::string_view id = tok_.text;
        if (id == "true" || id == "false") {
          n.literal = id == "true";
        } else if (id == "null") {
          n.literal = nullptr;
        } else if (id == "undefined") {
          n.undefined = true;
        } else if (!root_of(id, n.root)) {
          fail(tok_.offset, "unknown identifier '" + std::string(id) +
                                "' (expressions may read data, profile, refs, recipient, brand, template, "
                                "MessageStatus)");
          return 0;
        } else {
          n.op = Op::Root;
        }
        next();
        return add(std::move(n), 1);
      }
      case Tok::Punct:
        if (tok_.text == "(") {
          if (!enter()) return 0;
          next();
          const std::uint32_t inner = disjunction();
          leave();
          if (failed_) return 0;
          if (!is_punct(")")) {
            fail(tok_.offset, "expected ')'");
            return 0;
          }
          next();
          return inner;
        }
        fail(tok_.offset, "unexpected '" + std::string(tok_.text) + "'");
        return 0;
      case Tok::End: fail(tok_.offset, "unexpected end of expression"); return 0;
      case Tok::Bad: return 0;
    }
    return 0;
  }

  // A path: one root, then .name / ["name"] / [0] only.
  std::uint32_t member_chain() {
    if (tok_.kind != Tok::Ident) {
      fail(tok_.offset, "an accessor path starts with data, profile, refs, recipient, brand or template");
      return 0;
    }
    Node n;
    if (!root_of(tok_.text, n.root) || n.root == Root::MessageStatus) {
      fail(tok_.offset, "an accessor path starts with data, profile, refs, recipient, brand or template");
      return 0;
    }
    n.op = Op::Root;
    next();
    std::uint32_t object = add(std::move(n), 1);
    while (!failed_ && tok_.kind != Tok::End) {
      if (is_punct(".")) {
        next();
        if (tok_.kind != Tok::Ident && tok_.kind != Tok::Number) {
          fail(tok_.offset, "expected a property name after '.'");
          return object;
        }
        Node m;
        m.op = Op::Member;
        m.a = object;
        m.name = tok_.kind == Tok::Ident ? std::string(tok_.text) : token_text();
        next();
        object = add(std::move(m), 1 + height(object));
      } else if (is_punct("[")) {
        next();
        if (tok_.kind != Tok::String && tok_.kind != Tok::Number) {
          fail(tok_.offset, "expected a string or number inside [ ]");
          return object;
        }
        Node lit;
        if (tok_.kind == Tok::String) {
          lit.literal = std::move(tok_.string);
        } else {
          lit.literal = tok_.number;
        }
        next();
        const std::uint32_t index = add(std::move(lit), 1);
        if (!is_punct("]")) {
          fail(tok_.offset, "expected ']'");
          return object;
        }
        next();
        object = binary(Op::Index, object, index);
      } else {
        fail(tok_.offset, "unexpected '" + token_text() + "' in an accessor path");
        return object;
      }
    }
    return object;
  }

  static bool root_of(std::string_view id, Root& out) {
    struct Entry {
      std::string_view name;
      Root root;
    };
    static constexpr Entry kRoots[] = {{"data", Root::Data},
                                       {"profile", Root::Profile},
                                       {"refs", Root::Refs},
                                       {"recipient", Root::Recipient},
                                       {"brand", Root::Brand},
                                       {"template", Root::Template},
                                       {"MessageStatus", Root::MessageStatus}};
    for (const Entry& e : kRoots) {
      if (e.name == id) {
        out = e.root;
        return true;
      }
    }
    return false;
  }

  std::string_view text_;
  const Limits& limits_;
  std::size_t pos_ = 0;
  std::size_t depth_ = 0;
  Token tok_;
  bool failed_ = false;
  ParseError error_;
  std::vector<Node> nodes_;
  std::vector<std::uint32_t> heights_;
};

}  // namespace

ParseResult parse(std::string_view text, const Limits& limits) {
  return Parser(text, limits).run(false);
}

ParseResult parse_path(std::string_view path, const Limits& limits) {
  return Parser(path, limits).run(true);
}

}  // namespace caw::expr
