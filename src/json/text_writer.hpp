#pragma once
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace caw {

// Writes JSON text straight into a string, formatted exactly as nlohmann's dump(indent) would
// (indent < 0: compact; otherwise one value per line, `indent` spaces a level, ": " after keys),
// so callers can emit fields in their own order without building an ordered DOM first. Strings go
// through append_json_string; DOM values are walked here, never handed to nlohmann's serializer.
class TextWriter {
 public:
  TextWriter(std::string& out, int indent) : out_(out), indent_(indent) {}

  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }
  void key(std::string_view k);
  void string(std::string_view s);
  // Any DOM value; objects in their own key order (sorted, for nlohmann::json).
  void value(const nlohmann::json& v);

 private:
  void element();
  void separator();
  void newline(std::size_t depth);
  void open(char c);
  void close(char c);
  void scalar(const nlohmann::json& v);

  std::string& out_;
  int indent_;
  std::vector<bool> empty_;  // one per open container: nothing written in it yet
  bool after_key_ = false;
};

}  // namespace caw
