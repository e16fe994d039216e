#pragma once
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "util/text.hpp"

namespace caw::spec {

// The closed shapes Courier's invoke handler checks every step against, after filling it from the
// run context (docs/courier-semantics.md section 1.12, steps 5 and 7): no property outside the
// list, required ones present, strings non-empty where the engine says so. Generated from
// spec/engine.json `closed` (scripts/generate.mjs); the courier level reads them
// (validate/shape.cpp, validate/fill.cpp). The OpenAPI's view of the same objects is schema/spec.hpp.

enum class Value : std::uint8_t {
  String,  // a string or an accessor {"$ref": "..."}
  Object,  // any object
  Enum,    // one of enum_values
  Shape,   // an object of the closed shape `shape`
};

// How the invoke handler fills a property from the run context before the check (section 1.12 step 5).
enum class Fill : std::uint8_t {
  None,
  Nullish,        // step ?? run: null falls back, "" does not
  Truthy,         // step || run: "" falls back too
  DeepExtend,     // the run's object deep-extended by the step's; {} when neither
  DefaultObject,  // step ?? {}
};

struct ClosedShape;

struct ClosedProperty {
  std::string_view name;
  Value value;
  bool required = false;
  bool non_empty = false;  // a string of length >= 1
  Fill fill = Fill::None;
  bool one_of = false;     // in the shape's exactly-one-of group
  bool date_time = false;  // ajv-formats "date-time" (RFC 3339)
  std::uint8_t enum_count = 0;
  const ClosedShape* shape = nullptr;  // Value::Shape
  // The problem code when this property is missing (required), null or empty (non_empty); the
  // generic step.property.* codes when none.
  const char* code = nullptr;
  const std::string_view* enum_values = nullptr;

  [[nodiscard]] bool allows(std::string_view v) const {
    for (std::size_t i = 0; i < enum_count; ++i) {
      if (enum_values[i] == v) return true;
    }
    return false;
  }
};

struct ClosedShape {
  std::string_view name;  // the action, or the shape's name
  const ClosedProperty* properties;
  std::size_t count;
  const char* one_of_missing = nullptr;   // codes of the exactly-one-of group
  const char* one_of_conflict = nullptr;  // (a missing group member the OpenAPI requires is schema.required)
  std::string_view v2_form = {};          // a property whose presence replaces this shape (send's `message`)
  bool accessor_allowed = false;          // the whole value may be an accessor
  bool not_in_openapi = false;            // an action the OpenAPI does not model

  [[nodiscard]] const ClosedProperty* find(std::string_view property) const {
    for (const ClosedProperty& p : *this) {
      if (same_name(p.name, property)) return &p;
    }
    return nullptr;
  }
  [[nodiscard]] const ClosedProperty* begin() const { return properties; }
  [[nodiscard]] const ClosedProperty* end() const { return properties + count; }
};

// The closed shape of an action (subscribe included), or nullptr.
const ClosedShape* closed_step(std::string_view action);
// Properties every step may carry, whatever its action (if, ref: strings, no accessor).
struct Names {
  const std::string_view* first;
  std::size_t size;
  [[nodiscard]] const std::string_view* begin() const { return first; }
  [[nodiscard]] const std::string_view* end() const { return first + size; }
};
Names every_step();

}  // namespace caw::spec
