#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace caw {

// A JSON Pointer kept as a chain of segments on the stack and written out (RFC 6901) only when a
// problem is reported: a clean payload builds no path text at all. A child refers to its parent,
// so it must not outlive it.
class Path {
 public:
  Path() = default;  // the root, ""
  // A root that already has a text, e.g. "/automation/steps/3" (for callers holding a pointer).
  static Path text(std::string_view pointer) {
    Path p;
    p.kind_ = Kind::Text;
    p.key_ = pointer;
    return p;
  }
  Path(const Path& parent, std::string_view key) : parent_(&parent), key_(key), kind_(Kind::Key) {}
  Path(const Path& parent, std::size_t index) : parent_(&parent), index_(index), kind_(Kind::Index) {}

  [[nodiscard]] std::string str() const {
    std::string out;
    append_to(out);
    return out;
  }
  void append_to(std::string& out) const;

 private:
  enum class Kind : unsigned char { Root, Text, Key, Index };
  const Path* parent_ = nullptr;
  std::string_view key_;
  std::size_t index_ = 0;
  Kind kind_ = Kind::Root;
};

}  // namespace caw
