#include "json/locate.hpp"

#include <unordered_set>

#include "json/pointer.hpp"
#include "json/utf8.hpp"

namespace caw {

namespace {

bool is_continuation(unsigned char c) {
  return (c & 0xC0) == 0x80;
}

// A forward-only walk over JSON text that keeps line/column as it goes. It trusts nothing:
// on malformed text it simply stops, having recorded what it saw.
class Walker {
 public:
  Walker(std::string_view text, const std::unordered_set<std::string>& wanted,
         std::unordered_map<std::string, TextPosition>& found)
      : text_(text), wanted_(wanted), found_(found) {
    for (const std::string& w : wanted_) longest_ = w.size() > longest_ ? w.size() : longest_;
  }

  void run() {
    pos_ = bom_length(text_);
    struct Frame {
      bool object;
      std::size_t index;
      std::size_t path_len;
    };
    std::vector<Frame> frames;
    std::string path;
    skip_ws();
    if (at_end()) return;
    for (;;) {
      // A value starts here.
      record(path);
      const char c = peek();
      if (c == '{' || c == '[') {
        advance();
        frames.push_back({c == '{', 0, path.size()});
        skip_ws();
        const char close = c == '{' ? '}' : ']';
        if (peek() == close) {
          advance();
          frames.pop_back();
        } else if (!enter_member(frames.back().object, 0, path)) {
          return;
        } else {
          continue;
        }
      } else if (c == '"') {
        if (!skip_string()) return;
      } else {
        if (!skip_scalar()) return;
      }
      // After a value: a separator or the end of one or more containers.
      for (;;) {
        if (frames.empty()) return;
        skip_ws();
        Frame& f = frames.back();
        path.resize(f.path_len);
        if (peek() == ',') {
          advance();
          skip_ws();
          ++f.index;
          if (!enter_member(f.object, f.index, path)) return;
          break;
        }
        if (peek() == (f.object ? '}' : ']')) {
          advance();
          frames.pop_back();
          continue;
        }
        return;  // malformed
      }
    }
  }

 private:
  [[nodiscard]] bool at_end() const { return pos_ >= text_.size(); }
  [[nodiscard]] char peek() const { return at_end() ? '\0' : text_[pos_]; }

  void advance() {
    const auto c = static_cast<unsigned char>(text_[pos_++]);
    if (c == '\n') {
      ++line_;
      column_ = 1;
    } else if (!is_continuation(c)) {
      ++column_;
    }
  }

  void skip_ws() {
    while (!at_end()) {
      const char c = peek();
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') break;
      advance();
    }
  }

  // Only paths no longer than the longest wanted pointer can match: deeper ones are not even
  // hashed, so a 100,000-deep array costs one linear walk, not one hash of a 200 KB path per
  // level (that was quadratic: 10 s for validate() of a 100,000-deep array).
  void record(const std::string& path) {
    if (path.size() <= longest_ && wanted_.count(path) != 0) found_[path] = TextPosition{line_, column_};
  }

  // Positions the walk at the next member's value, with `path` extended by its key or index.
  bool enter_member(bool object, std::size_t index, std::string& path) {
    if (!object) {
      path += '/';
      path += std::to_string(index);
      skip_ws();
      return !at_end();
    }
    std::string key;
    if (!read_string(&key)) return false;
    append_pointer_segment(path, key);
    skip_ws();
    if (peek() != ':') return false;
    advance();
    skip_ws();
    return !at_end();
  }

  bool skip_string() { return read_string(nullptr); }

  // Reads a JSON string starting at '"'; decodes it into *out when out is not null.
  bool read_string(std::string* out) {
    if (peek() != '"') return false;
    advance();
    while (!at_end()) {
      const char c = peek();
      if (c == '"') {
        advance();
        return true;
      }
      if (c != '\\') {
        if (out) *out += c;
        advance();
        continue;
      }
      advance();
      if (at_end()) return false;
      const char e = peek();
      advance();
      if (!out) {
        continue;  // \uXXXX digits are plain characters for skipping purposes
      }
      switch (e) {
        case 'b': *out += '\b'; break;
        case 'f': *out += '\f'; break;
        case 'n': *out += '\n'; break;
        case 'r': *out += '\r'; break;
        case 't': *out += '\t'; break;
        case 'u': {
          std::uint32_t cp = 0;
          if (!read_hex4(cp)) return false;
          if (cp >= 0xD800 && cp <= 0xDBFF && peek() == '\\' && pos_ + 1 < text_.size() && text_[pos_ + 1] == 'u') {
            advance();
            advance();
            std::uint32_t low = 0;
            if (!read_hex4(low)) return false;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          }
          append_utf8(*out, cp);
          break;
        }
        default: *out += e; break;
      }
    }
    return false;
  }

  bool read_hex4(std::uint32_t& cp) {
    for (int i = 0; i < 4; ++i) {
      if (at_end()) return false;
      const char h = peek();
      cp <<= 4;
      if (h >= '0' && h <= '9') {
        cp |= static_cast<std::uint32_t>(h - '0');
      } else if (h >= 'a' && h <= 'f') {
        cp |= static_cast<std::uint32_t>(h - 'a' + 10);
      } else if (h >= 'A' && h <= 'F') {
        cp |= static_cast<std::uint32_t>(h - 'A' + 10);
      } else {
        return false;
      }
      advance();
    }
    return true;
  }

  bool skip_scalar() {
    const std::size_t start = pos_;
    while (!at_end()) {
      const char c = peek();
      if (c == ',' || c == '}' || c == ']' || c == ' ' || c == '\t' || c == '\n' || c == '\r') break;
      advance();
    }
    return pos_ > start;
  }

  std::string_view text_;
  const std::unordered_set<std::string>& wanted_;
  std::unordered_map<std::string, TextPosition>& found_;
  std::size_t longest_ = 0;
  std::size_t pos_ = 0;
  std::uint32_t line_ = 1;
  std::uint32_t column_ = 1;
};

}  // namespace

TextPosition position_of_offset(std::string_view text, std::size_t offset) {
  TextPosition p;
  const std::size_t end = offset < text.size() ? offset : text.size();
  for (std::size_t i = bom_length(text); i < end; ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++p.line;
      p.column = 1;
    } else if (!is_continuation(c)) {
      ++p.column;
    }
  }
  return p;
}

std::unordered_map<std::string, TextPosition> locate_pointers(std::string_view text,
                                                              const std::vector<std::string>& pointers) {
  // Every ancestor is wanted too, so a missing member resolves to its nearest existing parent.
  std::unordered_set<std::string> wanted;
  for (const std::string& p : pointers) {
    for (std::size_t cut = p.size();; cut = p.rfind('/', cut - 1)) {
      wanted.insert(p.substr(0, cut));
      if (cut == 0 || cut == std::string::npos) break;
    }
  }
  std::unordered_map<std::string, TextPosition> found;
  Walker(text, wanted, found).run();

  std::unordered_map<std::string, TextPosition> result;
  for (const std::string& p : pointers) {
    for (std::size_t cut = p.size();; cut = p.rfind('/', cut - 1)) {
      auto it = found.find(p.substr(0, cut));
      if (it != found.end()) {
        result.emplace(p, it->second);
        break;
      }
      if (cut == 0 || cut == std::string::npos) break;
    }
  }
  return result;
}

std::optional<TextPosition> locate_pointer(std::string_view text, const std::string& pointer) {
  auto found = locate_pointers(text, {pointer});
  auto it = found.find(pointer);
  if (it == found.end()) return std::nullopt;
  return it->second;
}

}  // namespace caw
