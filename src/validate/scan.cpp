#include "validate/scan.hpp"

#include <algorithm>
#include <cstring>

#include "json/pointer.hpp"
#include "json/utf8.hpp"
#include "util/cold.hpp"
#include "util/decimal.hpp"
#include "util/sort.hpp"
#include "util/text.hpp"

namespace caw {

namespace {

using facts::Facts;
using facts::kNone;
using facts::Node;
using facts::Type;
using Frame = Facts::Frame;

// What a container is, from where it sits. Only the containers the request's shape gives meaning
// to have their members recorded; everything below them is read and checked, not stored.
enum Role : std::uint8_t {
  kRoot,
  kAutomation,
  kSteps,
  kStep,
  kStepField,       // a step field's object value (context, data_source, message, data, ...)
  kStepFieldChild,  // an object inside one (data_source.webhook, subscription.preferences, ...)
  kWebhook,
  kWebhookField,
  kUnrecorded
};

Role child_role(std::uint8_t parent, std::string_view key) {
  switch (parent) {
    case kRoot: return key == "automation" ? kAutomation : kUnrecorded;
    case kAutomation: return key == "steps" ? kSteps : kUnrecorded;
    case kSteps: return kStep;
    case kStep: return key == "webhook" ? kWebhook : kStepField;
    case kStepField: return kStepFieldChild;  // closed shapes reach one level into a step field's value
    case kWebhook: return kWebhookField;
    default: return kUnrecorded;
  }
}

// Bytes that need no attention inside a string: printable ASCII except '"' and '\\'.
struct PlainTable {
  bool v[256] = {};
  constexpr PlainTable() {
    for (int c = 0x20; c < 0x80; ++c) v[c] = c != '"' && c != '\\';
  }
};
constexpr PlainTable kPlain;

// A cheap hash for the duplicate-key filter: length, first and last 8 bytes (no per-byte chain).
std::uint64_t key_hash(std::string_view s) {
  std::uint64_t first = 0;
  std::uint64_t last = 0;
  if (s.size() >= 8) {
    std::memcpy(&first, s.data(), 8);
    std::memcpy(&last, s.data() + s.size() - 8, 8);
  } else {
    std::memcpy(&first, s.data(), s.size());
  }
  std::uint64_t h = (first ^ (last * 0x9E3779B97F4A7C15ull) ^ s.size()) * 0xFF51AFD7ED558CCDull;
  return h ^ (h >> 29);
}

int hex_value(char h) {
  if (h >= '0' && h <= '9') return h - '0';
  if (h >= 'a' && h <= 'f') return h - 'a' + 10;
  if (h >= 'A' && h <= 'F') return h - 'A' + 10;
  return -1;
}

class Scanner {
 public:
  Scanner(std::string_view text, const Limits& limits, Facts& facts, Report& report)
      : begin_(text.data()),
        p_(text.data()),
        end_(text.data() + text.size()),
        limits_(limits),
        f_(facts),
        report_(report) {}

  void run() {
    f_.clear();
    if (static_cast<std::size_t>(end_ - begin_) > limits_.max_payload_bytes) {
      payload_too_large(static_cast<std::size_t>(end_ - begin_), limits_, report_);
      return;
    }
    // A UTF-8 byte order mark is skipped, as the JSON parsers Courier's stack uses do.
    if (end_ - p_ >= 3 && std::memcmp(p_, "\xEF\xBB\xBF", 3) == 0) p_ += 3;
    skip_ws();
    if (!document()) return;
    skip_ws();
    if (p_ != end_) {
      fail("unexpected content after the JSON value");
      return;
    }
    for (const Facts::Fixup& fix : f_.fixups)
      f_.nodes[fix.node].text = std::string_view(f_.arena).substr(fix.at, fix.size);
    f_.complete = true;
  }

 private:
  [[nodiscard]] std::uint32_t offset() const { return static_cast<std::uint32_t>(p_ - begin_); }

  void skip_ws() {
    // Every byte that can start a token is above ' ': one compare for minified JSON.
    if (p_<end_&& static_cast<unsigned char>(*p_)> ' ') return;
    while (p_ < end_ && (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t')) ++p_;
  }

  // ---------------------------------------------------------------- the document
  bool document() {
    for (;;) {
      // A value starts at p_.
      if (p_ == end_) return fail("unexpected end of input");
      const char c = *p_;
      if (c == '{' || c == '[') {
        if (!open(c == '{')) return false;
        ++p_;
        skip_ws();
        if (p_ < end_ && *p_ == (c == '{' ? '}' : ']')) {
          ++p_;
          close();
        } else if (c == '{') {
          if (!member_key()) return false;
          continue;
        } else {
          ++f_.frames.back().count;
          continue;
        }
      } else if (!scalar()) {
        return false;
      }
      // After a value: a separator, or the end of one or more containers.
      for (;;) {
        if (f_.frames.empty()) return true;
        skip_ws();
        if (p_ == end_) return fail("unexpected end of input");
        Frame& f = f_.frames.back();
        if (*p_ == ',') {
          ++p_;
          skip_ws();
          if (f.object) {
            if (!member_key()) return false;
          } else {
            ++f.count;
          }
          break;
        }
        if (*p_ == (f.object ? '}' : ']')) {
          ++p_;
          close();
          continue;
        }
        return fail(f.object ? "expected ',' or '}' after an object member"
                             : "expected ',' or ']' after an array element");
      }
    }
  }

  // A node for the value starting at p_, when its container records its members (the root always).
  std::uint32_t begin_value(Type type) {
    const std::uint32_t at = offset();
    Frame* parent = f_.frames.empty() ? nullptr : &f_.frames.back();
    if (parent && parent->object) {
      f_.keys.back().offset = at;
      // Accessor objects: the last "$ref" member decides, as a parser keeps the last duplicate.
      if (same_name(parent->key, "$ref")) parent->ref_string = type == Type::String;
    }
    if (parent && parent->role == kUnrecorded) return kNone;
    const auto id = static_cast<std::uint32_t>(f_.nodes.size());
    Node n;
    n.type = type;
    n.begin = at;
    if (parent) {
      if (parent->object) {
        n.key = parent->key;
        n.sig = facts::key_signature(n.key);
        f_.keys.back().node = id;
      }
      if (parent->last == kNone) {
        f_.nodes[parent->node].first = id;
      } else {
        f_.nodes[parent->last].next = id;
      }
      parent->last = id;
    }
    f_.nodes.push_back(n);
    return id;
  }

  bool open(bool object) {
    if (f_.frames.size() >= limits_.max_depth) return too_deep();
    const std::uint8_t role = f_.frames.empty() ? kRoot : child_role(f_.frames.back().role, f_.frames.back().key);
    const std::uint32_t node = begin_value(object ? Type::Object : Type::Array);
    Frame f;
    f.object = object;
    f.role = node == kNone ? static_cast<std::uint8_t>(kUnrecorded) : role;
    f.node = node;
    f.keys_begin = static_cast<std::uint32_t>(f_.keys.size());
    f_.frames.push_back(f);
    return true;
  }

  void close() {
    Frame& f = f_.frames.back();
    if (f.maybe_dup) duplicates(f_.frames.size() - 1);
    if (f.node != kNone) {
      Node& n = f_.nodes[f.node];
      n.count = f.count - f.repeats;
      n.accessor = f.object && n.count == 1 && f.ref_string;
    }
    f_.keys.resize(f.keys_begin);
    f_.frames.pop_back();
  }

  // The object's keys repeat somewhere (the filter said maybe): sort them, warn about every repeat
  // (located at the last occurrence, the value a parser keeps), and shadow the earlier members.
  CAW_COLD void duplicates(std::size_t level) {
    Frame& f = f_.frames[level];
    const std::size_t keys_end = level + 1 < f_.frames.size() ? f_.frames[level + 1].keys_begin : f_.keys.size();
    f_.sorted.clear();
    for (std::size_t k = f.keys_begin; k < keys_end; ++k) f_.sorted.push_back(static_cast<std::uint32_t>(k));
    sort_indices(  // by name, then position: equal names stay in order
        f_.sorted,
        [](const void* context, std::uint32_t a, std::uint32_t b) {
          const auto& keys = *static_cast<const std::vector<Facts::Key>*>(context);
          return keys[a].name != keys[b].name ? keys[a].name < keys[b].name : a < b;
        },
        &f_.keys);
    const std::string at = pointer_to(level);
    for (std::size_t i = 0; i < f_.sorted.size();) {
      std::size_t j = i + 1;
      while (j < f_.sorted.size() && f_.keys[f_.sorted[j]].name == f_.keys[f_.sorted[i]].name) ++j;
      // Located at the last occurrence that has a value (malformed text may end before one).
      std::size_t last = j - 1;
      while (last > i && f_.keys[f_.sorted[last]].offset == kNone) --last;
      const Facts::Key& kept = f_.keys[f_.sorted[last]];
      const std::uint32_t where = kept.offset == kNone ? offset() : kept.offset;
      for (std::size_t k = i; k + 1 < j; ++k) {
        ++f.repeats;
        const Facts::Key& repeat = f_.keys[f_.sorted[k]];
        if (repeat.node != kNone) f_.nodes[repeat.node].shadowed = true;
        const std::string name(kept.name);
        add(Severity::Warning, "json.duplicate_key", child_pointer(at, name), where,
            cat({"Duplicate key \"", name, "\": only the last value is kept"}),
            cat({"remove all but one \"", name, "\""}));
      }
      i = j;
    }
  }

  // Reads `"key" :` at p_ and leaves p_ on the member's value.
  bool member_key() {
    if (p_ == end_) return fail("unexpected end of input");
    if (*p_ != '"') return fail("expected a string key");
    std::string_view name;
    bool escaped = false;
    if (!string(name, escaped)) return false;
    if (escaped) {  // rare: decoded keys live in facts.decoded (stable while the scan runs)
      std::string decoded;
      decode(name, decoded);
      f_.decoded.push_back(std::move(decoded));
      name = f_.decoded.back();
    }
    Frame& f = f_.frames.back();
    ++f.count;
    const std::uint64_t h = key_hash(name);
    const std::uint64_t bits0 = 1ull << (h & 63);
    const std::uint64_t bits1 = 1ull << ((h >> 6) & 63);
    if ((f.bloom[0] & bits0) && (f.bloom[1] & bits1)) f.maybe_dup = true;
    f.bloom[0] |= bits0;
    f.bloom[1] |= bits1;
    f.key = name;
    f_.keys.push_back(Facts::Key{name, kNone, kNone});  // the offset is the value's, once it begins
    skip_ws();
    if (p_ == end_) return fail("unexpected end of input");
    if (*p_ != ':') return fail("expected ':' after an object key");
    ++p_;
    skip_ws();
    return true;
  }

  // ---------------------------------------------------------------- scalars
  bool scalar() {
    const char c = *p_;
    if (c == '"') {
      const std::uint32_t node = begin_value(Type::String);
      std::string_view text;
      bool escaped = false;
      if (!string(text, escaped)) return false;
      if (node == kNone) return true;
      if (escaped) {  // decoded into the arena; the view is set once the arena stops moving
        const auto at = static_cast<std::uint32_t>(f_.arena.size());
        decode(text, f_.arena);
        f_.fixups.push_back(Facts::Fixup{node, at, static_cast<std::uint32_t>(f_.arena.size() - at)});
      } else {
        f_.nodes[node].text = text;
      }
      f_.nodes[node].falsy = text.empty();
      return true;
    }
    if (c == 't') return literal("true", Type::Bool);
    if (c == 'f') return literal("false", Type::Bool);
    if (c == 'n') return literal("null", Type::Null);
    if (c == '-' || (c >= '0' && c <= '9')) return number();
    if (static_cast<unsigned char>(c) >= 0x20 && static_cast<unsigned char>(c) < 0x7F) {
      return fail(std::string("unexpected character '") + c + "'");
    }
    return fail("unexpected byte");
  }

  bool literal(std::string_view word, Type type) {
    if (static_cast<std::size_t>(end_ - p_) < word.size() || std::memcmp(p_, word.data(), word.size()) != 0) {
      return fail("invalid literal");
    }
    const std::uint32_t node = begin_value(type);
    if (node != kNone) f_.nodes[node].falsy = word[0] != 't';  // false and null
    p_ += word.size();
    return true;
  }

  // JSON number grammar. A value too large for a double is refused, as the JSON parsers of
  // Courier's stack would turn it into Infinity (and nlohmann refuses it).
  bool number() {
    const std::uint32_t at = offset();
    const char* start = p_;
    if (*p_ == '-') ++p_;
    if (p_ == end_ || *p_ < '0' || *p_ > '9') return fail("invalid number");
    const char* int_begin = p_;
    if (*p_ == '0') {
      ++p_;
    } else {
      while (p_ < end_ && *p_ >= '0' && *p_ <= '9') ++p_;
    }
    const char* int_end = p_;
    const char* frac_begin = p_;
    const char* frac_end = p_;
    if (p_ < end_ && *p_ == '.') {
      ++p_;
      frac_begin = p_;
      if (p_ == end_ || *p_ < '0' || *p_ > '9') return fail("invalid number");
      while (p_ < end_ && *p_ >= '0' && *p_ <= '9') ++p_;
      frac_end = p_;
    }
    long exponent = 0;
    if (p_ < end_ && (*p_ == 'e' || *p_ == 'E')) {
      ++p_;
      bool negative = false;
      if (p_ < end_ && (*p_ == '+' || *p_ == '-')) negative = *p_++ == '-';
      if (p_ == end_ || *p_ < '0' || *p_ > '9') return fail("invalid number");
      while (p_ < end_ && *p_ >= '0' && *p_ <= '9') {
        if (exponent < 1000000) exponent = exponent * 10 + (*p_ - '0');
        ++p_;
      }
      if (negative) exponent = -exponent;
    }
    const char* after = p_;
    p_ = begin_ + at;
    // Only an exponent or a very long integer part can reach past a double's range.
    if ((exponent > 0 || int_end - int_begin > 300) && too_large(int_begin, int_end, frac_begin, frac_end, exponent)) {
      return fail("number out of range: " + std::string(start, static_cast<std::size_t>(after - start)));
    }
    const std::uint32_t node = begin_value(Type::Number);
    if (node != kNone) f_.nodes[node].falsy = zero(int_begin, int_end, frac_begin, frac_end);
    p_ = after;
    return true;
  }

  // Whether the number is zero (0, -0, 0.000, 0e5): JavaScript reads it as false.
  static bool zero(const char* ib, const char* ie, const char* fb, const char* fe) {
    for (const char* q = ib; q < ie; ++q) {
      if (*q != '0') return false;
    }
    for (const char* q = fb; q < fe; ++q) {
      if (*q != '0') return false;
    }
    return true;
  }

  // Whether the decimal number rounds to infinity as a double (beyond 1.7976931348623158e308).
  CAW_COLD static bool too_large(const char* ib, const char* ie, const char* fb, const char* fe, long exponent) {
    std::string digits;
    long magnitude = 0;  // the power of ten of the first significant digit
    bool seen = false;
    for (const char* q = ib; q < ie; ++q) {
      if (!seen && *q == '0') continue;
      if (!seen) magnitude = static_cast<long>(ie - q) - 1;
      seen = true;
      if (digits.size() < 24) digits += *q;
    }
    for (const char* q = fb; q < fe; ++q) {
      if (!seen && *q == '0') continue;
      if (!seen) magnitude = -static_cast<long>(q - fb) - 1;
      seen = true;
      if (digits.size() < 24) digits += *q;
    }
    if (!seen) return false;
    magnitude += exponent;
    if (magnitude != 308) return magnitude > 308;
    return digits > std::string_view("17976931348623158079");
  }

  // ---------------------------------------------------------------- strings
  // Reads a string at p_ (on the opening quote); `raw` is the text between the quotes.
  bool string(std::string_view& raw, bool& escaped) {
    const std::uint32_t at = offset();
    ++p_;
    const char* start = p_;
    escaped = false;
    for (;;) {
      skip_plain();
      if (p_ >= end_) return fail("unexpected end of input in a string");
      const auto c = static_cast<unsigned char>(*p_);
      if (c == '"') break;
      if (c == '\\') {
        escaped = true;
        if (!escape(nullptr)) return false;
        continue;
      }
      if (c < 0x20) {
        static const char kHex[] = "0123456789ABCDEF";
        return fail(cat({"control character U+00", std::string_view(&kHex[c >> 4], 1),
                         std::string_view(&kHex[c & 15], 1), " in a string must be escaped"}));
      }
      if (!utf8()) return false;
    }
    raw = std::string_view(start, static_cast<std::size_t>(p_ - start));
    ++p_;
    // The limit is on the decoded string; only an escaped string over it needs decoding to tell.
    std::size_t size = raw.size();
    if (escaped && size > limits_.max_string_bytes) {
      std::string decoded;
      decode(raw, decoded);
      size = decoded.size();
    }
    if (size > limits_.max_string_bytes) return string_too_long(size, at);
    return true;
  }

  // Skips the bytes that need no attention inside a string (printable ASCII but '"' and '\\'),
  // eight at a time while they last (SWAR: a word with none of '"', '\\', < 0x20, >= 0x80).
  void skip_plain() {
    constexpr std::uint64_t kOnes = 0x0101010101010101ull;
    constexpr std::uint64_t kHigh = 0x8080808080808080ull;
    while (end_ - p_ >= 8) {
      std::uint64_t w;
      std::memcpy(&w, p_, 8);
      const std::uint64_t quote = w ^ (kOnes * '"');
      const std::uint64_t backslash = w ^ (kOnes * '\\');
      const std::uint64_t special =
          ((quote - kOnes) & ~quote) | ((backslash - kOnes) & ~backslash) | (w - kOnes * 0x20) | w;
      if ((special & kHigh) != 0) {
        // The lowest flagged byte is exact (false flags only sit above a true one).
        p_ += __builtin_ctzll(special & kHigh) / 8;
        return;
      }
      p_ += 8;
    }
    while (p_ < end_ && kPlain.v[static_cast<unsigned char>(*p_)]) ++p_;
  }

  // Appends the decoded text of a well-formed raw string (its escapes already checked).
  CAW_COLD void decode(std::string_view raw, std::string& out) {
    const char* save = p_;
    p_ = raw.data();
    const char* end = raw.data() + raw.size();
    while (p_ < end) {
      if (*p_ == '\\') {
        escape(&out);
      } else {
        out += *p_++;
      }
    }
    p_ = save;
  }

  // One escape sequence at p_ (on the backslash); appends its UTF-8 to `out` when given.
  bool escape(std::string* out) {
    if (end_ - p_ < 2) return fail("unexpected end of input in a string");
    const char e = p_[1];
    char plain = 0;
    switch (e) {
      case '"': plain = '"'; break;
      case '\\': plain = '\\'; break;
      case '/': plain = '/'; break;
      case 'b': plain = '\b'; break;
      case 'f': plain = '\f'; break;
      case 'n': plain = '\n'; break;
      case 'r': plain = '\r'; break;
      case 't': plain = '\t'; break;
      case 'u': break;
      default: return fail("invalid escape in a string");
    }
    if (plain) {
      if (out) *out += plain;
      p_ += 2;
      return true;
    }
    std::uint32_t cp = 0;
    if (!hex4(p_ + 2, cp)) return fail("invalid \\u escape in a string");
    p_ += 6;
    if (cp >= 0xDC00 && cp <= 0xDFFF) return fail("lone low surrogate in a \\u escape");
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      std::uint32_t low = 0;
      if (end_ - p_ < 6 || p_[0] != '\\' || p_[1] != 'u' || !hex4(p_ + 2, low) || low < 0xDC00 || low > 0xDFFF) {
        return fail("a high surrogate \\u escape must be followed by a low one");
      }
      p_ += 6;
      cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
    }
    if (out) append_utf8(*out, cp);
    return true;
  }

  bool hex4(const char* q, std::uint32_t& cp) const {
    if (end_ - q < 4) return false;
    cp = 0;
    for (int i = 0; i < 4; ++i) {
      const int v = hex_value(q[i]);
      if (v < 0) return false;
      cp = (cp << 4) | static_cast<std::uint32_t>(v);
    }
    return true;
  }

  // One UTF-8 sequence at p_ (Unicode table 3-7: no overlongs, no surrogates, at most U+10FFFF).
  // An error points at the first byte that cannot belong to a well-formed sequence.
  bool utf8() {
    const Utf8Step step = utf8_step(std::string_view(p_, static_cast<std::size_t>(end_ - p_)), 0);
    if (!step.valid) {
      // A valid lead byte: the error is at the byte that breaks its sequence (or the end).
      const auto lead = static_cast<unsigned char>(*p_);
      if (lead >= 0xC2 && lead <= 0xF4) p_ += step.length;
      return bad_utf8();
    }
    p_ += step.length;
    return true;
  }

  CAW_COLD bool bad_utf8() {
    add(Severity::Error, "json.utf8", pointer_here(), offset(), "Invalid UTF-8 in a string: ill-formed UTF-8 byte",
        "save the payload as UTF-8");
    return stop();
  }

  // ---------------------------------------------------------------- where we are
  // The JSON Pointer of the container at frames[level] (its parents' current members).
  CAW_COLD std::string pointer_to(std::size_t level) const {
    std::string p;
    for (std::size_t i = 0; i < level; ++i) segment(p, f_.frames[i]);
    return p;
  }

  // The JSON Pointer of the value being read.
  CAW_COLD std::string pointer_here() const {
    std::string p = pointer_to(f_.frames.size());
    return p;
  }

  static void segment(std::string& p, const Frame& f) {
    if (f.count == 0) return;
    if (f.object) {
      append_pointer_segment(p, f.key);
    } else {
      p += '/';
      append_decimal(p, f.count - 1);
    }
  }

  CAW_COLD bool fail(std::string_view what) {
    add(Severity::Error, "json.syntax", pointer_here(), offset(), cat({"Malformed JSON: ", what}),
        "check the JSON near this position");
    return stop();
  }

  // The text ends here (an error): repeats already read in the open objects are still reported.
  CAW_COLD bool string_too_long(std::size_t size, std::uint32_t at) {
    std::string message = "A string of ";
    append_decimal(message, size);
    message += " bytes exceeds the limit of ";
    append_decimal(message, limits_.max_string_bytes);
    add(Severity::Error, "limit.string", pointer_here(), at, std::move(message),
        "shorten the value; the limit is Limits::max_string_bytes");
    return stop();
  }

  CAW_COLD bool too_deep() {
    std::string message = "JSON nesting deeper than ";
    append_decimal(message, limits_.max_depth);
    message += " levels";
    add(Severity::Error, "limit.depth", pointer_here(), offset(), std::move(message),
        "flatten the payload; the depth limit is Limits::max_depth");
    return stop();
  }

  CAW_COLD bool stop() {
    for (std::size_t level = 0; level < f_.frames.size(); ++level) {
      if (f_.frames[level].maybe_dup) duplicates(level);
    }
    return false;
  }

  CAW_COLD void add(Severity severity, const char* code, std::string path, std::uint32_t at, std::string message,
                    std::string hint) {
    Problem p{severity, code, std::move(path), std::move(message), std::move(hint), {}, {}, {}};
    p.offset = at;
    report_.add(std::move(p));
  }

  const char* begin_;
  const char* p_;
  const char* end_;
  const Limits& limits_;
  Facts& f_;
  Report& report_;
};

}  // namespace

void payload_too_large(std::size_t size, const Limits& limits, Report& report) {
  std::string message = "The payload is ";
  append_decimal(message, size);
  message += " bytes; the limit is ";
  append_decimal(message, limits.max_payload_bytes);
  report.error("limit.payload_bytes", "", std::move(message),
               "send a smaller payload; the limit is Limits::max_payload_bytes");
}

void scan(std::string_view text, const Limits& limits, facts::Facts& facts, Report& report) {
  Scanner(text, limits, facts, report).run();
}

}  // namespace caw
