#include "validate/scanner.hpp"

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "expr/expr.hpp"
#include "json/locate.hpp"
#include "json/pointer.hpp"
#include "schema/spec.hpp"
#include "time/duration.hpp"
#include "time/timestamp.hpp"
#include "validate/rules/rules.hpp"

namespace caw {

namespace {

enum class Kind : std::uint8_t { Request, Automation, Webhook, Steps, Step, AnyObject, AnyArray, StringMap };

enum class Action : std::uint8_t { Delay, Send, SendList, UpdateProfile, Cancel, FetchData, Invoke, None };

// Per-step facts, as bits.
enum StepBit : std::uint32_t {
  kHasDuration = 1u << 0,
  kHasUntil = 1u << 1,
  kRecipient = 1u << 2,  // recipient / recipient_id resolves
  kTemplate = 1u << 3,   // template resolves
};

struct Frame {
  Kind kind = Kind::AnyObject;
  Action action = Action::None;
  const spec::ObjectSpec* spec = nullptr;
  std::uint32_t count = 0;       // members / elements so far
  std::uint32_t keys_begin = 0;  // this object's keys in Buffers::keys
  std::uint32_t seen = 0;        // bit i: spec field i present and not null
  std::uint32_t facts = 0;       // StepBit
  std::uint64_t bloom[2] = {0, 0};
  std::string_view key;  // the current member's key
};

// Reused across calls: after warm-up, a scan allocates nothing.
struct Buffers {
  std::vector<Frame> frames;
  std::vector<std::string_view> keys;
  std::vector<std::string_view> refs;
  std::vector<std::string_view> cancel_tokens;
};

Buffers& buffers() {
  static Buffers b;
  return b;
}

// What the value about to be read must be.
struct Expect {
  enum K : std::uint8_t { Any, Request, Step, Field } k = Any;
  const spec::FieldSpec* field = nullptr;
};

// Bytes that need no attention inside a string: printable ASCII except '"' and '\\'.
struct PlainTable {
  bool v[256] = {};
  constexpr PlainTable() {
    for (int c = 0x20; c < 0x80; ++c) v[c] = c != '"' && c != '\\';
  }
  constexpr bool operator[](unsigned char c) const { return v[c]; }
};
constexpr PlainTable kPlain;

constexpr std::uint32_t kCommonShift = 16;  // seen bits of step_common fields (if, ref)

class Scanner {
 public:
  Scanner(std::string_view text, Level level, const Limits& limits, Report& report)
      : begin_(text.data()),
        p_(text.data()),
        end_(text.data() + text.size()),
        text_(text),
        courier_(level == Level::Courier),
        limits_(limits),
        report_(report),
        b_(buffers()) {
    b_.frames.clear();
    b_.keys.clear();
    b_.refs.clear();
    b_.cancel_tokens.clear();
  }

  bool run() {
    if (text_.size() > limits_.max_payload_bytes) return false;
    skip_ws();
    if (p_ == end_) return false;
    if (!value(Expect{Expect::Request})) return false;
    while (!b_.frames.empty()) {
      if (!step_container()) return false;
    }
    skip_ws();
    if (p_ != end_) return false;
    return finish();
  }

 private:
  // ---------------------------------------------------------------- lexing
  void skip_ws() {
    while (p_ < end_ && (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t')) ++p_;
  }

  // Reads a string at p_ (on the opening quote). `raw` is the text between the quotes.
  bool string(std::string_view& raw, bool& escaped) {
    ++p_;
    const char* start = p_;
    escaped = false;
    while (true) {
      if (p_ >= end_) return false;
      while (p_ < end_ && kPlain[static_cast<unsigned char>(*p_)]) ++p_;  // the common run of plain ASCII
      if (p_ >= end_) return false;
      const auto c = static_cast<unsigned char>(*p_);
      if (c == '"') break;
      if (c == '\\') {
        escaped = true;
        if (++p_ >= end_) return false;
        switch (*p_) {
          case '"':
          case '\\':
          case '/':
          case 'b':
          case 'f':
          case 'n':
          case 'r':
          case 't': ++p_; break;
          case 'u': {
            if (end_ - p_ < 5) return false;
            unsigned cp = 0;
            for (int i = 1; i <= 4; ++i) {
              const char h = p_[i];
              cp <<= 4;
              if (h >= '0' && h <= '9') {
                cp |= static_cast<unsigned>(h - '0');
              } else if (h >= 'a' && h <= 'f') {
                cp |= static_cast<unsigned>(h - 'a' + 10);
              } else if (h >= 'A' && h <= 'F') {
                cp |= static_cast<unsigned>(h - 'A' + 10);
              } else {
                return false;
              }
            }
            if (cp >= 0xD800 && cp <= 0xDFFF) return false;  // surrogates: let the DOM path judge pairs
            p_ += 5;
            break;
          }
          default: return false;
        }
        continue;
      }
      if (c < 0x20) return false;
      if (c < 0x80) {
        ++p_;
        continue;
      }
      if (!utf8()) return false;
    }
    raw = std::string_view(start, static_cast<std::size_t>(p_ - start));
    ++p_;  // closing quote
    return raw.size() <= limits_.max_string_bytes;
  }

  // One multi-byte UTF-8 sequence at p_ (Unicode table 3-7: no overlongs, no surrogates).
  bool utf8() {
    const auto* u = reinterpret_cast<const unsigned char*>(p_);
    const std::ptrdiff_t left = end_ - p_;
    auto cont = [&](int i, unsigned lo = 0x80, unsigned hi = 0xBF) { return i < left && u[i] >= lo && u[i] <= hi; };
    const unsigned c = u[0];
    int n = 0;
    if (c >= 0xC2 && c <= 0xDF) {
      n = cont(1) ? 2 : 0;
    } else if (c == 0xE0) {
      n = cont(1, 0xA0) && cont(2) ? 3 : 0;
    } else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) {
      n = cont(1) && cont(2) ? 3 : 0;
    } else if (c == 0xED) {
      n = cont(1, 0x80, 0x9F) && cont(2) ? 3 : 0;
    } else if (c == 0xF0) {
      n = cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
    } else if (c >= 0xF1 && c <= 0xF3) {
      n = cont(1) && cont(2) && cont(3) ? 4 : 0;
    } else if (c == 0xF4) {
      n = cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : 0;
    }
    if (n == 0) return false;
    p_ += n;
    return true;
  }

  // JSON number grammar; exponents and very long numbers go to the DOM path (overflow rules).
  bool number() {
    const char* start = p_;
    if (*p_ == '-') ++p_;
    if (p_ >= end_) return false;
    if (*p_ == '0') {
      ++p_;
    } else if (*p_ >= '1' && *p_ <= '9') {
      while (p_ < end_ && *p_ >= '0' && *p_ <= '9') ++p_;
    } else {
      return false;
    }
    if (p_ < end_ && *p_ == '.') {
      ++p_;
      const char* digits = p_;
      while (p_ < end_ && *p_ >= '0' && *p_ <= '9') ++p_;
      if (p_ == digits) return false;
    }
    if (p_ < end_ && (*p_ == 'e' || *p_ == 'E')) return false;
    return p_ - start <= 300;
  }

  bool literal(std::string_view word) {
    if (static_cast<std::size_t>(end_ - p_) < word.size()) return false;
    if (std::string_view(p_, word.size()) != word) return false;
    p_ += word.size();
    return true;
  }

  // ---------------------------------------------------------------- structure
  bool push(Kind kind, const spec::ObjectSpec* s = nullptr) {
    if (b_.frames.size() >= limits_.max_depth) return false;
    Frame f;
    f.kind = kind;
    f.spec = s;
    f.keys_begin = static_cast<std::uint32_t>(b_.keys.size());
    b_.frames.push_back(f);
    ++p_;  // '{' or '['
    return true;
  }

  static bool is_object(Kind k) { return k != Kind::Steps && k != Kind::AnyArray; }

  // Advances the innermost container by one member/element, or closes it.
  bool step_container() {
    const std::size_t index = b_.frames.size() - 1;
    Frame& f = b_.frames[index];
    const bool object = is_object(f.kind);
    skip_ws();
    if (p_ >= end_) return false;
    if (*p_ == (object ? '}' : ']')) {
      ++p_;
      return close();
    }
    if (f.count > 0) {
      if (*p_ != ',') return false;
      ++p_;
      skip_ws();
      if (p_ >= end_) return false;
    }
    ++f.count;
    if (!object) {
      if (f.kind == Kind::Steps) {
        if (f.count > limits_.max_steps) return false;
        return value(Expect{Expect::Step});
      }
      return value(Expect{});
    }
    // a member
    if (*p_ != '"') return false;
    std::string_view key;
    bool escaped = false;
    if (!string(key, escaped) || escaped) return false;
    if (!unique_key(f, key)) return false;
    f.key = key;
    skip_ws();
    if (p_ >= end_ || *p_ != ':') return false;
    ++p_;
    skip_ws();
    if (p_ >= end_) return false;
    Expect e;
    if (!member_expectation(f, key, e)) return false;
    return value(e);
  }

  bool unique_key(Frame& f, std::string_view key) {
    std::uint64_t h = 1469598103934665603ull;
    for (char c : key) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
    const unsigned bit = static_cast<unsigned>(h >> 57);  // 0..127
    std::uint64_t& word = f.bloom[bit >> 6];
    const std::uint64_t mask = std::uint64_t{1} << (bit & 63);
    if (word & mask) {
      for (std::size_t i = f.keys_begin; i < b_.keys.size(); ++i) {
        if (b_.keys[i] == key) return false;  // a duplicate key: a warning, decided by the DOM path
      }
    }
    word |= mask;
    b_.keys.push_back(key);
    return true;
  }

  // Which field the member `key` of frame `f` is, and so what its value must be.
  bool member_expectation(Frame& f, std::string_view key, Expect& e) {
    switch (f.kind) {
      case Kind::AnyObject: return true;
      case Kind::StringMap: e = Expect{Expect::Field, &kHeaderValue}; return true;
      case Kind::Step:
        if (f.count == 1) {  // the first member must be "action"
          if (key != "action") return false;
          e = Expect{Expect::Field, nullptr};  // handled in value(): sets the step's spec
          return true;
        }
        break;
      default: break;
    }
    const spec::FieldSpec* field = f.spec ? f.spec->find(key) : nullptr;
    if (field && field->origin == spec::Origin::Engine && !courier_) field = nullptr;
    std::uint32_t bit = 0;
    if (field) {
      bit = 1u << static_cast<std::uint32_t>(field - f.spec->begin());
    } else if (f.kind == Kind::Step && courier_) {
      field = spec::step_common().find(key);
      if (field) bit = 1u << (kCommonShift + static_cast<std::uint32_t>(field - spec::step_common().begin()));
    }
    if (!field) {
      // Unknown: allowed by the OpenAPI; a warning (maybe with did-you-mean) at the courier level.
      return !courier_;
    }
    if (courier_ && !field->alias_of.empty()) return false;  // property.deprecated
    f.seen |= bit;                                           // cleared again below when the value is null
    e = Expect{Expect::Field, field};
    return true;
  }

  bool value(const Expect& e) {
    const char c = *p_;
    const Expect::K k = e.k;
    if (c == '"') {
      const char* at = p_;
      std::string_view raw;
      bool escaped = false;
      if (!string(raw, escaped)) return false;
      if (k == Expect::Any) return true;
      if (k != Expect::Field) return false;
      return string_field(e.field, raw, escaped, static_cast<std::size_t>(at - begin_));
    }
    if (c == '{') {
      switch (k) {
        case Expect::Any: return push(Kind::AnyObject);
        case Expect::Request: return push(Kind::Request, &spec::request());
        case Expect::Step: return push(Kind::Step);
        case Expect::Field: break;
      }
      const spec::FieldSpec* f = e.field;
      if (f == nullptr) return false;  // "action" must be a string
      switch (f->type) {
        case spec::Type::Object: return push(Kind::AnyObject);
        case spec::Type::StringMap: return push(Kind::StringMap);
        case spec::Type::Nested:
          return push(f->nested == &spec::webhook() ? Kind::Webhook : Kind::Automation, f->nested);
        default: return false;  // accessor objects, body objects, type errors: the DOM path decides
      }
    }
    if (c == '[') {
      if (k == Expect::Any) return push(Kind::AnyArray);
      if (k == Expect::Field && e.field && e.field->type == spec::Type::Steps) return push(Kind::Steps);
      return false;
    }
    if (c == 'n') {
      if (!literal("null")) return false;
      if (k == Expect::Any) return true;
      if (k != Expect::Field || e.field == nullptr || !e.field->nullable || e.field->enum_values) return false;
      Frame& f = b_.frames.back();
      // A null counts as absent for every rule.
      if (f.spec) {
        if (const spec::FieldSpec* own = f.spec->find(f.key); own == e.field) {
          f.seen &= ~(1u << static_cast<std::uint32_t>(own - f.spec->begin()));
        }
      }
      return true;
    }
    if (k != Expect::Any) return false;
    if (c == 't') return literal("true");
    if (c == 'f') return literal("false");
    if (c == '-' || (c >= '0' && c <= '9')) return number();
    return false;
  }

  // ---------------------------------------------------------------- rules
  static bool in_enum(const spec::FieldSpec* f, std::string_view s) {
    for (std::size_t i = 0; i < f->enum_count; ++i) {
      if (f->enum_values[i] == s) return true;
    }
    return false;
  }

  static Action action_of(std::string_view s) {
    for (std::size_t i = 0; i < std::size(spec::kActions); ++i) {
      if (spec::kActions[i] == s) return static_cast<Action>(i);
    }
    return Action::None;
  }

  bool string_field(const spec::FieldSpec* field, std::string_view raw, bool escaped, std::size_t offset) {
    Frame& f = b_.frames.back();
    if (field == nullptr) {  // a step's leading "action"
      if (escaped) return false;
      f.action = action_of(raw);
      if (f.action == Action::None) return false;
      f.spec = spec::step(raw);
      f.seen |= 1u;  // "action" is field 0 of every step spec
      return true;
    }
    if (field == &kHeaderValue) return true;
    if (field->type != spec::Type::String) return false;
    if (field->enum_values) return !escaped && in_enum(field, raw);
    if (!courier_) return true;
    // Values whose content a rule reads must be plain (no escapes) for the scanner to judge them.
    const std::string_view name = field->name;
    switch (f.kind) {
      case Kind::Request:
        if (name == "recipient") run_recipient_ = !raw.empty();
        if (name == "template") run_template_ = !raw.empty();
        return true;
      case Kind::Automation:
        if (name == "cancelation_token") {
          if (escaped) return false;
          run_token_ = raw;
        }
        return true;
      case Kind::Webhook:
        if (name == "url") return !escaped && rules::is_absolute_http_url(raw);
        return true;
      case Kind::Step: break;
      default: return true;
    }
    if (name == "ref") {
      if (escaped || raw.empty()) return false;
      b_.refs.push_back(raw);
      return true;
    }
    if (name == "if") return !escaped && expr::parse(raw).ok;  // else the DOM path warns (step.if.unsupported)
    switch (f.action) {
      case Action::Delay:
        if (escaped) return false;
        if (name == "duration") return time::parse_duration(raw).ok();
        if (name == "until") return until(raw, offset);
        return true;
      case Action::Send:
        if (name == "recipient" && !raw.empty()) f.facts |= kRecipient;
        if (name == "template" && !raw.empty()) f.facts |= kTemplate;
        return true;
      case Action::SendList:
        if (name == "list") return !raw.empty();
        if (name == "template" && !raw.empty()) f.facts |= kTemplate;
        return true;
      case Action::UpdateProfile:
        if (name == "recipient_id" && !raw.empty()) f.facts |= kRecipient;
        return true;
      case Action::Cancel:
        if (name == "cancelation_token") {
          if (escaped || raw.empty()) return false;
          b_.cancel_tokens.push_back(raw);
        }
        return true;
      case Action::Invoke:
        if (name == "template") return !raw.empty();
        return true;
      default: return true;
    }
  }

  // `until` is judged by rules::check_until itself, the function the DOM path calls: the scanner
  // keeps its warnings and gives up on its errors.
  bool until(std::string_view raw, std::size_t offset) {
    const time::TimestampParse t = time::parse_timestamp(raw);
    if (!t.ok()) return false;
    if (t.value.has_offset && !t.value.basic_format) return true;
    const std::size_t before = report_.warnings().size();
    rules::check_until(raw, pointer_here(), report_);
    if (!report_.valid()) return false;
    const TextPosition at = position_of_offset(text_, offset);
    for (std::size_t i = before; i < report_.warnings().size(); ++i) {
      report_.warnings()[i].line = at.line;
      report_.warnings()[i].column = at.column;
    }
    return true;
  }

  // The JSON Pointer of the member being read (only materialized for a problem).
  std::string pointer_here() const {
    std::string out;
    for (const Frame& f : b_.frames) {
      if (is_object(f.kind)) {
        append_pointer_segment(out, f.key);
      } else {
        out += '/';
        out += std::to_string(f.count - 1);
      }
    }
    return out;
  }

  bool required_present(const Frame& f) const {
    if (!f.spec) return false;
    for (const spec::FieldSpec& field : *f.spec) {
      if (!field.required) continue;
      if (field.origin == spec::Origin::Engine && !courier_) continue;
      if (!(f.seen & (1u << static_cast<std::uint32_t>(&field - f.spec->begin())))) return false;
    }
    return true;
  }

  bool close() {
    const Frame f = b_.frames.back();
    b_.frames.pop_back();
    b_.keys.resize(f.keys_begin);
    switch (f.kind) {
      case Kind::Request:
      case Kind::Automation:
      case Kind::Webhook: return required_present(f);
      case Kind::Steps: return !(courier_ && f.count == 0);
      case Kind::Step: return close_step(f);
      default: return true;
    }
  }

  bool close_step(const Frame& f) {
    if (f.action == Action::None || !required_present(f)) return false;
    if (!courier_) return true;
    const auto has = [&](std::string_view name) {
      const spec::FieldSpec* field = f.spec->find(name);
      return field && (f.seen & (1u << static_cast<std::uint32_t>(field - f.spec->begin())));
    };
    switch (f.action) {
      case Action::Delay: return has("duration") != has("until");  // exactly one (aliases fell back)
      case Action::Send:
        if (has("message")) return false;  // the V2 form: the DOM path's rules
        if (!(f.facts & kRecipient)) need_run_recipient_ = true;
        if (!(f.facts & kTemplate)) need_run_template_ = true;
        return true;
      case Action::SendList:
        if (!(f.facts & kTemplate)) need_run_template_ = true;
        return true;
      case Action::UpdateProfile:
        if (!(f.facts & kRecipient)) need_run_recipient_ = true;
        return true;
      default: return true;
    }
  }

  bool finish() {
    if (!courier_) return true;
    if (need_run_recipient_ && !run_recipient_) return false;
    if (need_run_template_ && !run_template_) return false;
    for (std::string_view token : b_.cancel_tokens) {
      if (!run_token_.empty() && token == run_token_) return false;  // cancel.token.self
    }
    if (b_.refs.size() > 1) {
      std::sort(b_.refs.begin(), b_.refs.end());
      if (std::adjacent_find(b_.refs.begin(), b_.refs.end()) != b_.refs.end()) return false;
    }
    return true;
  }

  static const spec::FieldSpec kHeaderValue;

  const char* begin_;
  const char* p_;
  const char* end_;
  std::string_view text_;
  bool courier_;
  const Limits& limits_;
  Report& report_;
  Buffers& b_;
  bool run_recipient_ = false;
  bool run_template_ = false;
  bool need_run_recipient_ = false;
  bool need_run_template_ = false;
  std::string_view run_token_;
};

const spec::FieldSpec Scanner::kHeaderValue = {"(header)", spec::Type::String, false, false, spec::Origin::OpenApi};

}  // namespace

ScanOutcome scan_request(std::string_view text, Level level, const Limits& limits, Report& report) {
  Scanner scanner(text, level, limits, report);
  if (scanner.run() && report.valid()) return ScanOutcome::Sure;
  report = Report{};
  return ScanOutcome::Unsure;
}

}  // namespace caw
