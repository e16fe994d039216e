#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace caw::model {

// A field of the payload is absent, explicitly null, or set. The three differ on the wire
// (the OpenAPI marks most fields nullable), so the model keeps all three for round trips.
template <class T>
class Field {
 public:
  Field() = default;
  Field(T value) : value_(std::move(value)), state_(State::Set) {}  // NOLINT: implicit on purpose
  static Field null() {
    Field f;
    f.state_ = State::Null;
    return f;
  }

  [[nodiscard]] bool absent() const { return state_ == State::Absent; }
  [[nodiscard]] bool is_null() const { return state_ == State::Null; }
  [[nodiscard]] bool has_value() const { return state_ == State::Set; }
  // The value, or nullptr when absent or null.
  [[nodiscard]] const T* get() const { return has_value() ? &*value_ : nullptr; }
  [[nodiscard]] const T& operator*() const { return *value_; }
  [[nodiscard]] const T* operator->() const { return &*value_; }

  friend bool operator==(const Field& a, const Field& b) { return a.state_ == b.state_ && a.value_ == b.value_; }
  friend bool operator!=(const Field& a, const Field& b) { return !(a == b); }

 private:
  enum class State : std::uint8_t { Absent, Null, Set };
  std::optional<T> value_;
  State state_ = State::Absent;
};

// {"$ref": "data.user.id"}: the engine reads the value from the run context at run time.
struct Accessor {
  std::string path;
  friend bool operator==(const Accessor& a, const Accessor& b) { return a.path == b.path; }
};

// Any string field may be a literal or an accessor (courier-semantics.md section 1.9).
using StringValue = std::variant<std::string, Accessor>;

// The literal, or nullptr when the field is absent, null or an accessor.
inline const std::string* literal(const Field<StringValue>& f) {
  const StringValue* v = f.get();
  return v ? std::get_if<std::string>(v) : nullptr;
}

}  // namespace caw::model
