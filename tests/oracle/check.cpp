#include "check.hpp"

#include <string>
#include <vector>

#include "json/pointer.hpp"
#include "schema/spec.hpp"
#include "util/did_you_mean.hpp"
#include "util/text.hpp"

namespace caw::oracle {

namespace {

using json = nlohmann::json;

std::string type_name(const json& v) {
  switch (v.type()) {
    case json::value_t::null: return "null";
    case json::value_t::boolean: return "a boolean";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float: return "a number";
    case json::value_t::string: return "a string";
    case json::value_t::array: return "an array";
    case json::value_t::object: return "an object";
    default: return "an unsupported value";
  }
}

class ShapeChecker {
 public:
  ShapeChecker(Level level, const Limits& limits, Report& report) : level_(level), limits_(limits), report_(report) {}

  void request(const json& root) {
    if (!root.is_object()) {
      report_.error("schema.type", "", "The request must be a JSON object, got " + type_name(root),
                    R"(send {"automation": {"steps": [...]}})");
      return;
    }
    object(root, spec::request(), "", nullptr);
  }

 private:
  [[nodiscard]] bool courier() const { return level_ == Level::Courier; }

  // `extra` lists more fields the object may hold (the engine's if/ref on steps).
  void object(const json& obj, const spec::ObjectSpec& spec, const std::string& path, const spec::ObjectSpec* extra) {
    const spec::ObjectSpec* outer = current_;
    current_ = &spec;
    for (const spec::FieldSpec& f : spec) field(obj, f, path);
    if (extra && courier()) {
      for (const spec::FieldSpec& f : *extra) field(obj, f, path);
    }
    if (courier()) unknown_properties(obj, spec, path, extra);
    current_ = outer;
  }

  void field(const json& obj, const spec::FieldSpec& f, const std::string& path) {
    if (f.origin == spec::Origin::Engine && !courier()) return;  // unknown to the OpenAPI: allowed as-is
    const std::string at = child_pointer(path, f.name);
    auto it = obj.find(f.name);
    if (it == obj.end()) {
      if (f.required && !(courier() && alias_present(obj, f))) {
        report_.error("schema.required", at,
                      "Missing required property \"" + std::string(f.name) + "\" in " + std::string(spec_label(path)),
                      "add \"" + std::string(f.name) + "\"");
      }
      return;
    }
    const json& v = *it;
    if (!f.alias_of.empty()) {
      report_.warning("property.deprecated", at,
                      "\"" + std::string(f.name) + "\" is a deprecated spelling of \"" + std::string(f.alias_of) + "\"",
                      "use \"" + std::string(f.alias_of) + "\"");
    }
    if (v.is_null()) {
      if (!f.nullable) {
        report_.error("schema.type", at, "\"" + std::string(f.name) + "\" must not be null", expected(f));
      } else if (f.enum_values) {
        // OpenAPI 3.0.3: `nullable` adds null to `type` only; an `enum` without null still rejects
        // it (as ajv and any JSON Schema validator do, and as Courier's engine requires a value).
        report_.error("schema.enum", at,
                      "\"" + std::string(f.name) + "\" is null; allowed: " + quoted_list(f.enum_values, f.enum_count),
                      "omit \"" + std::string(f.name) + "\" or use one of " + quoted_list(f.enum_values, f.enum_count));
      }
      return;
    }
    switch (f.type) {
      case spec::Type::String: string_field(v, f, at); break;
      case spec::Type::Object:
        if (!v.is_object()) type_error(v, f, at);
        break;
      case spec::Type::StringMap:
        if (!v.is_object()) {
          type_error(v, f, at);
        } else {
          for (auto m = v.begin(); m != v.end(); ++m) {
            if (!m.value().is_string()) {
              report_.error("schema.type", child_pointer(at, m.key()),
                            "Header \"" + m.key() + "\" must be a string, got " + type_name(m.value()),
                            "quote the value");
            }
          }
        }
        break;
      case spec::Type::Nested:
        if (!v.is_object()) {
          type_error(v, f, at);
        } else {
          object(v, *f.nested, at, nullptr);
        }
        break;
      case spec::Type::Steps: steps(v, at); break;
    }
  }

  // A deprecated alias (e.g. "cancelationToken") satisfies the field it stands for.
  bool alias_present(const json& obj, const spec::FieldSpec& f) const {
    for (const spec::FieldSpec& other : *current_) {
      if (other.alias_of == f.name) {
        auto it = obj.find(other.name);
        if (it != obj.end() && !it->is_null()) return true;
      }
    }
    return false;
  }

  void string_field(const json& v, const spec::FieldSpec& f, const std::string& at) {
    if (v.is_string()) {
      if (f.enum_values == nullptr) return;
      const auto& s = v.get_ref<const std::string&>();
      for (std::size_t i = 0; i < f.enum_count; ++i) {
        if (f.enum_values[i] == s) return;
      }
      if (courier() && !f.engine_extra_value.empty() && s == f.engine_extra_value) {
        report_.warning("fetch-data.merge_strategy.none", at,
                        "\"" + std::string(f.name) + "\": \"" + s +
                            "\" is accepted by Courier's engine but is not in the OpenAPI enum",
                        "use one of " + quoted_list(f.enum_values, f.enum_count) + " for portability");
        return;
      }
      std::vector<std::string_view> options(f.enum_values, f.enum_values + f.enum_count);
      const std::string near = did_you_mean(s, options);
      report_.error(
          "schema.enum", at,
          "\"" + std::string(f.name) + "\" is \"" + s + "\"; allowed: " + quoted_list(f.enum_values, f.enum_count),
          near.empty() ? "use one of " + quoted_list(f.enum_values, f.enum_count) : "use \"" + near + "\"");
      return;
    }
    if (courier() && is_accessor(v) && f.name != "action") return;
    if (courier() && f.engine_takes_object && v.is_object()) {
      report_.warning("fetch-data.webhook.body.object", at,
                      "The OpenAPI types \"" + std::string(f.name) +
                          "\" as a string; Courier's engine accepts an object, other clients may not",
                      "serialize it: JSON.stringify(body)");
      return;
    }
    if (!courier() && is_accessor(v)) {
      report_.error(
          "schema.type", at,
          "\"" + std::string(f.name) + "\" must be a string; accessor objects {\"$ref\": ...} are an engine extension",
          "validate at the courier level, or use a literal string");
      return;
    }
    type_error(v, f, at);
  }

  void steps(const json& v, const std::string& at) {
    if (!v.is_array()) {
      report_.error("schema.type", at, "\"steps\" must be an array of steps, got " + type_name(v),
                    R"(use "steps": [{"action": "send", ...}])");
      return;
    }
    if (v.size() > limits_.max_steps) {
      report_.error("limit.steps", at,
                    "The automation has " + std::to_string(v.size()) + " steps; the limit is " +
                        std::to_string(limits_.max_steps),
                    "split it into several automations; the limit is Limits::max_steps");
      return;
    }
    for (std::size_t i = 0; i < v.size(); ++i) step(v[i], child_pointer(at, i));
  }

  void step(const json& s, const std::string& at) {
    if (!s.is_object()) {
      report_.error("schema.type", at, "A step must be an object, got " + type_name(s),
                    R"(write the step as {"action": "...", ...})");
      return;
    }
    auto action = s.find("action");
    if (action == s.end()) {
      report_.error("schema.required", child_pointer(at, "action"), "The step has no \"action\"",
                    "add \"action\": one of " + quoted_list(spec::kActions, std::size(spec::kActions)));
      return;
    }
    if (!action->is_string()) {
      report_.error("schema.type", child_pointer(at, "action"),
                    "\"action\" must be a string, got " + type_name(*action),
                    "use one of " + quoted_list(spec::kActions, std::size(spec::kActions)));
      return;
    }
    const auto& name = action->get_ref<const std::string&>();
    const spec::ObjectSpec* shape = spec::step(name);
    if (shape == nullptr) {
      const std::string near = did_you_mean(name, spec::kActions);
      report_.error("step.action.unknown", child_pointer(at, "action"), "Unknown step action \"" + name + "\"",
                    near.empty() ? "use one of " + quoted_list(spec::kActions, std::size(spec::kActions))
                                 : "use \"" + near + "\"");
      return;
    }
    object(s, *shape, at, &spec::step_common());
  }

  void unknown_properties(const json& obj, const spec::ObjectSpec& spec, const std::string& path,
                          const spec::ObjectSpec* extra) {
    for (auto it = obj.begin(); it != obj.end(); ++it) {
      const std::string& key = it.key();
      if (spec.find(key) || (extra && extra->find(key))) continue;
      const std::string at = child_pointer(path, key);
      if (key == "cancellation_token") {
        report_.warning("cancel.token.spelling", at, "\"cancellation_token\" (two l's) is ignored by Courier",
                        "spell it \"cancelation_token\"");
        continue;
      }
      const std::string near = spec::nearest_field(key, spec, extra);
      report_.warning("schema.unknown_property", at,
                      "Unknown property \"" + key + "\" in " + std::string(spec.name) + "; Courier ignores it",
                      near.empty() ? "remove it" : "did you mean \"" + near + "\"?");
    }
  }

  void type_error(const json& v, const spec::FieldSpec& f, const std::string& at) {
    report_.error("schema.type", at,
                  "\"" + std::string(f.name) + "\" must be " + std::string(type_word(f.type)) + ", got " + type_name(v),
                  expected(f));
  }

  static std::string_view type_word(spec::Type t) {
    switch (t) {
      case spec::Type::String: return "a string";
      case spec::Type::Steps: return "an array";
      default: return "an object";
    }
  }

  static std::string expected(const spec::FieldSpec& f) {
    if (f.enum_values) return "use one of " + quoted_list(f.enum_values, f.enum_count);
    switch (f.type) {
      case spec::Type::String: return "use a string";
      case spec::Type::Steps: return "use an array of steps";
      default: return "use an object, e.g. {}";
    }
  }

  static std::string_view spec_label(const std::string& path) {
    if (path.empty()) return "the request";
    if (path == "/automation") return "\"automation\"";
    return path;
  }

  Level level_;
  const spec::ObjectSpec* current_ = nullptr;  // the object being checked (for aliases)
  const Limits& limits_;
  Report& report_;
};

}  // namespace

bool is_accessor(const json& value) {
  if (!value.is_object() || value.size() != 1) return false;
  auto it = value.find("$ref");
  return it != value.end() && it->is_string();
}

void check_request_shape(const json& request, Level level, const Limits& limits, Report& report) {
  ShapeChecker(level, limits, report).request(request);
}

}  // namespace caw::oracle
