#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "util/text.hpp"

#include "schema/action.generated.hpp"
#include "schema/field_ids.generated.hpp"

namespace caw::spec {

// One table of every object, field, type and enum of the request: the OpenAPI contract plus
// the engine's extra fields. The DOM checker (schema/check.cpp) reads it, and so can any other
// validator of the same payloads, so a field rule is written once. The tables, the Action enum
// and the field ids are generated from spec/openapi.json + spec/engine.json (scripts/generate.mjs).

enum class Type : std::uint8_t {
  String,     // a JSON string (engine: or an accessor {"$ref": "..."})
  Object,     // any JSON object (additionalProperties: true)
  StringMap,  // an object whose values are strings (webhook headers)
  Nested,     // an object described by `nested`
  Steps,      // the steps array (items dispatched on "action")
};

enum class Origin : std::uint8_t {
  OpenApi,  // in the seed's OpenAPI: checked at every level
  Engine,   // accepted by Courier's engine only: checked at the courier level, unknown to `schema`
};

struct ObjectSpec;

struct FieldSpec {
  std::string_view name;
  Type type;
  bool required;  // at the level the field belongs to
  bool nullable;
  Origin origin;
  bool accessor = false;  // the courier level takes {"$ref": ...} instead (engine.json accessors)
  const std::string_view* enum_values = nullptr;  // String fields with a closed set
  std::size_t enum_count = 0;
  const ObjectSpec* nested = nullptr;        // Type::Nested
  std::string_view alias_of = {};            // deprecated spelling of another field
  bool engine_takes_object = false;          // String in the OpenAPI, object tolerated by the engine
  std::string_view engine_extra_value = {};  // outside the OpenAPI enum, accepted by the engine (warning)
};

struct ObjectSpec {
  std::string_view name;  // the OpenAPI schema name, e.g. "AutomationDelayStep"
  const FieldSpec* fields;
  std::size_t field_count;

  [[nodiscard]] const FieldSpec* find(std::string_view field) const {
    for (std::size_t i = 0; i < field_count; ++i) {
      if (same_name(fields[i].name, field)) return &fields[i];
    }
    return nullptr;
  }
  [[nodiscard]] const FieldSpec* begin() const { return fields; }
  [[nodiscard]] const FieldSpec* end() const { return fields + field_count; }
};

const ObjectSpec& request();     // AutomationAdHocInvokeParams
const ObjectSpec& automation();  // Automation
const ObjectSpec& webhook();     // AutomationWebhookParams
// The step schema for an action, or nullptr for an unknown action.
const ObjectSpec* step(std::string_view action);
const ObjectSpec& step(Action action);
// Fields every step accepts in the engine (if, ref), checked at the courier level.
const ObjectSpec& step_common();

// The field of `object` (or of `extra`) nearest to `name` within edit distance 2, or "": the
// did-you-mean hint for an unknown property.
std::string nearest_field(std::string_view name, const ObjectSpec& object, const ObjectSpec* extra = nullptr);

}  // namespace caw::spec
