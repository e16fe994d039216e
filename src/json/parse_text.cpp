#include "json/parse_text.hpp"

#include <optional>
#include <string>
#include <vector>

#include "json/locate.hpp"
#include "json/pointer.hpp"

namespace caw {

namespace {

using json = nlohmann::json;

// nlohmann's messages read "[json.exception.parse_error.101] parse error at line 1, column 5:
// syntax error while parsing value - unexpected end of input; ..."; the id and the position
// are reported separately, so keep only the human part.
std::string clean_parse_message(const std::string& what) {
  std::string_view m = what;
  if (auto close = m.find("] "); close != std::string_view::npos && m.front() == '[') m.remove_prefix(close + 2);
  if (m.rfind("parse error", 0) == 0) {
    if (auto colon = m.find(": "); colon != std::string_view::npos) m.remove_prefix(colon + 2);
  }
  return std::string(m);
}

class DomBuilder {
 public:
  DomBuilder(json& root, std::string_view text, const Limits& limits, Report& problems)
      : root_(root), text_(text), limits_(limits), problems_(problems) {}

  bool null() { return put(json(nullptr)); }
  bool boolean(bool v) { return put(json(v)); }
  bool number_integer(json::number_integer_t v) { return put(json(v)); }
  bool number_unsigned(json::number_unsigned_t v) { return put(json(v)); }
  bool number_float(json::number_float_t v, const std::string& /*raw*/) { return put(json(v)); }
  bool binary(json::binary_t& /*unused*/) { return false; }  // not produced by text input

  bool string(std::string& v) {
    if (!check_string(v)) return false;
    return put(json(std::move(v)));
  }

  bool start_object(std::size_t /*unknown size*/) { return open(json::value_t::object); }
  bool start_array(std::size_t /*unknown size*/) { return open(json::value_t::array); }

  bool key(std::string& k) {
    if (!check_string(k)) return false;
    Frame& f = frames_.back();
    auto& obj = f.container->get_ref<json::object_t&>();
    auto [it, inserted] = obj.try_emplace(k);
    if (!inserted) {
      problems_.warning("json.duplicate_key", pointer_here(std::string_view(k)),
                        "Duplicate key \"" + k + "\": only the last value is kept", "remove all but one \"" + k + "\"");
      it->second = nullptr;
    }
    f.slot = &it->second;
    f.key = std::move(k);
    return true;
  }

  bool end_object() { return close(); }
  bool end_array() { return close(); }

  bool parse_error(std::size_t position, const std::string& /*last_token*/, const nlohmann::detail::exception& ex) {
    if (stopped_) return false;  // our own limit already said why
    const std::string message = clean_parse_message(ex.what());
    // Judged on nlohmann's own words only: the "last read" bytes it quotes are the input's.
    const bool utf8 = message.substr(0, message.find("; last read")).find("UTF-8") != std::string::npos;
    Problem p;
    p.severity = Severity::Error;
    p.code = utf8 ? "json.utf8" : "json.syntax";
    p.path = pointer_here(std::nullopt);
    p.message = utf8 ? "Invalid UTF-8 in a string: " + message : "Malformed JSON: " + message;
    p.hint = utf8 ? "save the payload as UTF-8" : "check the JSON near this position";
    // nlohmann's position is one past the offending byte.
    const TextPosition at = position_of_offset(text_, position == 0 ? 0 : position - 1);
    p.line = at.line;
    p.column = at.column;
    problems_.add(std::move(p));
    return false;
  }

 private:
  struct Frame {
    json* container;
    json* slot = nullptr;  // the value slot of the current key (objects)
    std::string key;
  };

  bool put(json&& v) {
    if (frames_.empty()) {
      root_ = std::move(v);
      return true;
    }
    Frame& f = frames_.back();
    if (f.container->is_array()) {
      f.container->get_ref<json::array_t&>().push_back(std::move(v));
    } else {
      *f.slot = std::move(v);
    }
    return true;
  }

  json* put_container(json::value_t type) {
    if (frames_.empty()) {
      root_ = json(type);
      return &root_;
    }
    Frame& f = frames_.back();
    if (f.container->is_array()) {
      auto& arr = f.container->get_ref<json::array_t&>();
      arr.emplace_back(type);
      return &arr.back();
    }
    *f.slot = json(type);
    return f.slot;
  }

  bool open(json::value_t type) {
    if (frames_.size() >= limits_.max_depth) {
      problems_.error("limit.depth", pointer_here(std::nullopt),
                      "JSON nesting deeper than " + std::to_string(limits_.max_depth) + " levels",
                      "flatten the payload; the depth limit is Limits::max_depth");
      stopped_ = true;
      return false;
    }
    frames_.push_back(Frame{put_container(type), nullptr, {}});
    return true;
  }

  bool close() {
    frames_.pop_back();
    return true;
  }

  bool check_string(const std::string& s) {
    if (s.size() <= limits_.max_string_bytes) return true;
    problems_.error("limit.string", pointer_here(std::nullopt),
                    "A string of " + std::to_string(s.size()) + " bytes exceeds the limit of " +
                        std::to_string(limits_.max_string_bytes),
                    "shorten the value; the limit is Limits::max_string_bytes");
    stopped_ = true;
    return false;
  }

  // The JSON Pointer of the value being parsed (or of `pending_key` inside the current object).
  std::string pointer_here(std::optional<std::string_view> pending_key) const {
    std::string p;
    for (std::size_t i = 0; i < frames_.size(); ++i) {
      const Frame& f = frames_[i];
      const bool last = i + 1 == frames_.size();
      if (f.container->is_array()) {
        if (last && pending_key) break;
        p += '/';
        p += std::to_string(f.container->size() - (last ? 0 : 1));
      } else if (last && pending_key) {  // the key may be "", a valid name
        append_pointer_segment(p, *pending_key);
      } else if (f.slot) {
        append_pointer_segment(p, f.key);
      }
    }
    return p;
  }

  json& root_;
  std::string_view text_;
  const Limits& limits_;
  Report& problems_;
  std::vector<Frame> frames_;
  bool stopped_ = false;
};

}  // namespace

ParsedText parse_text(std::string_view text, const Limits& limits) {
  ParsedText out;
  if (text.size() > limits.max_payload_bytes) {
    out.problems.error("limit.payload_bytes", "",
                       "The payload is " + std::to_string(text.size()) + " bytes; the limit is " +
                           std::to_string(limits.max_payload_bytes),
                       "send a smaller payload; the limit is Limits::max_payload_bytes");
    return out;
  }
  DomBuilder builder(out.value, text, limits, out.problems);
  out.ok = json::sax_parse(text.begin(), text.end(), &builder) && out.problems.valid();
  // nlohmann's lexer takes a NUL byte for the end of the input: whatever follows one would be
  // dropped silently. Bytes after the document are malformed JSON, the NUL included.
  if (const std::size_t nul = text.find('\0'); out.ok && nul != std::string_view::npos) {
    Problem p{Severity::Error, "json.syntax", "", "Malformed JSON: unexpected content after the JSON value",
              "check the JSON near this position", {}, {}, {}};
    const TextPosition at = position_of_offset(text, nul);
    p.line = at.line;
    p.column = at.column;
    out.problems.add(std::move(p));
    out.ok = false;
  }
  if (!out.ok) out.value = nullptr;
  return out;
}

}  // namespace caw
