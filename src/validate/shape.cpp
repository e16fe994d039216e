// The field table's rules (schema/spec): types, required members, enums, nullability, accessors,
// deprecated aliases and unknown properties, for the request, the automation, every step and
// the webhook, at the level asked for.
#include <string>
#include <vector>

#include "schema/spec.hpp"
#include "util/decimal.hpp"
#include "util/did_you_mean.hpp"
#include "util/text.hpp"
#include "validate/judge.hpp"

namespace caw {

namespace {

using facts::kNone;
using facts::Type;

std::string quoted_list(const std::string_view* values, std::size_t count);

std::string all_actions() {
  return quoted_list(spec::kActions, std::size(spec::kActions));
}

std::string quoted_list(const std::string_view* values, std::size_t count) {
  std::string out;
  for (std::size_t i = 0; i < count; ++i) {
    if (i) out += i + 1 == count ? " or " : ", ";
    out += '"';
    out += values[i];
    out += '"';
  }
  return out;
}

std::string_view type_word(spec::Type t) {
  switch (t) {
    case spec::Type::String: return "a string";
    case spec::Type::Steps: return "an array";
    default: return "an object";
  }
}

std::string expected(const spec::FieldSpec& f) {
  if (f.enum_values) return cat({"use one of ", quoted_list(f.enum_values, f.enum_count)});
  switch (f.type) {
    case spec::Type::String: return "use a string";
    case spec::Type::Steps: return "use an array of steps";
    default: return "use an object, e.g. {}";
  }
}

std::string spec_label(const Path& path) {
  std::string text = path.str();
  if (text.empty()) return "the request";
  if (text == "/automation") return "\"automation\"";
  return text;
}

class Shape {
 public:
  explicit Shape(Judge& j) : j_(j) {}

  void request() {
    const facts::Node& root = j_.node(0);
    if (root.type != Type::Object) {
      j_.error("schema.type", Path(), root.begin,
               cat({"The request must be a JSON object, got ", type_name(root.type)}),
               R"(send {"automation": {"steps": [...]}})");
      return;
    }
    object(0, spec::request(), Path(), nullptr);
  }

 private:
  // `extra` lists more fields the object may hold (the engine's if/ref on steps).
  void object(std::uint32_t obj, const spec::ObjectSpec& spec, const Path& path, const spec::ObjectSpec* extra) {
    for (const spec::FieldSpec& f : spec) field(obj, spec, f, path);
    if (extra && j_.courier()) {
      for (const spec::FieldSpec& f : *extra) field(obj, spec, f, path);
    }
    if (j_.courier()) unknown_properties(obj, spec, path, extra);
  }

  void field(std::uint32_t obj, const spec::ObjectSpec& owner, const spec::FieldSpec& f, const Path& path) {
    if (f.origin == spec::Origin::Engine && !j_.courier()) return;  // unknown to the OpenAPI: allowed as-is
    const std::uint32_t id = j_.member(obj, f.name);
    const std::string_view name = f.name;
    if (id == kNone) {
      if (f.required && !(j_.courier() && alias_present(obj, owner, f))) {
        j_.error("schema.required", Path(path, f.name), j_.node(obj).begin,
                 cat({"Missing required property \"", name, "\" in ", spec_label(path)}), cat({"add \"", name, "\""}));
      }
      return;
    }
    const facts::Node& v = j_.node(id);
    const Path at(path, f.name);
    if (!f.alias_of.empty()) {
      j_.warning("property.deprecated", at, v.begin,
                 cat({"\"", name, "\" is a deprecated spelling of \"", f.alias_of, "\""}),
                 cat({"use \"", f.alias_of, "\""}));
    }
    if (v.type == Type::Null) {
      if (!f.nullable) {
        j_.error("schema.type", at, v.begin, cat({"\"", name, "\" must not be null"}), expected(f));
      } else if (f.enum_values) {
        const std::string allowed = quoted_list(f.enum_values, f.enum_count);
        // OpenAPI 3.0.3: `nullable` adds null to `type` only; an `enum` without null still rejects
        // it (as ajv and any JSON Schema validator do, and as Courier's engine requires a value).
        j_.error("schema.enum", at, v.begin, cat({"\"", name, "\" is null; allowed: ", allowed}),
                 cat({"omit \"", name, "\" or use one of ", allowed}));
      }
      return;
    }
    switch (f.type) {
      case spec::Type::String: string_field(id, f, at); break;
      case spec::Type::Object:
        if (v.type != Type::Object) type_error(id, f, at);
        break;
      case spec::Type::StringMap:
        if (v.type != Type::Object) {
          type_error(id, f, at);
          break;
        }
        for (std::uint32_t m = v.first; m != kNone; m = j_.node(m).next) {
          const facts::Node& value = j_.node(m);
          if (value.shadowed || value.type == Type::String) continue;
          j_.error("schema.type", Path(at, value.key), value.begin,
                   cat({"Header \"", value.key, "\" must be a string, got ", type_name(value.type)}),
                   "quote the value");
        }
        break;
      case spec::Type::Nested:
        if (v.type != Type::Object) {
          type_error(id, f, at);
        } else {
          object(id, *f.nested, at, nullptr);
        }
        break;
      case spec::Type::Steps: steps(id, at); break;
    }
  }

  // A deprecated alias (e.g. "cancelationToken") satisfies the field it stands for.
  bool alias_present(std::uint32_t obj, const spec::ObjectSpec& owner, const spec::FieldSpec& f) const {
    for (const spec::FieldSpec& other : owner) {
      if (other.alias_of == f.name && j_.present(obj, other.name) != kNone) return true;
    }
    return false;
  }

  void string_field(std::uint32_t id, const spec::FieldSpec& f, const Path& at) {
    const facts::Node& v = j_.node(id);
    const std::string_view name = f.name;
    if (v.type == Type::String) {
      if (f.enum_values == nullptr) return;
      for (std::size_t i = 0; i < f.enum_count; ++i) {
        if (f.enum_values[i] == v.text) return;
      }
      const std::string allowed = quoted_list(f.enum_values, f.enum_count);
      if (j_.courier() && !f.engine_extra_value.empty() && v.text == f.engine_extra_value) {
        j_.warning(
            "fetch-data.merge_strategy.none", at, v.begin,
            cat({"\"", name, "\": \"", v.text, "\" is accepted by Courier's engine but is not in the OpenAPI enum"}),
            cat({"use one of ", allowed, " for portability"}));
        return;
      }
      const std::vector<std::string_view> options(f.enum_values, f.enum_values + f.enum_count);
      const std::string near = did_you_mean(v.text, options);
      j_.error("schema.enum", at, v.begin, cat({"\"", name, "\" is \"", v.text, "\"; allowed: ", allowed}),
               near.empty() ? cat({"use one of ", allowed}) : cat({"use \"", near, "\""}));
      return;
    }
    if (j_.courier() && v.accessor && f.name != "action") return;
    if (j_.courier() && f.engine_takes_object && v.type == Type::Object) {
      j_.warning("fetch-data.webhook.body.object", at, v.begin,
                 cat({"The OpenAPI types \"", name,
                      "\" as a string; Courier's engine accepts an object, other clients may not"}),
                 "serialize it: JSON.stringify(body)");
      return;
    }
    if (!j_.courier() && v.accessor) {
      j_.error("schema.type", at, v.begin,
               cat({"\"", name, "\" must be a string; accessor objects {\"$ref\": ...} are an engine extension"}),
               "validate at the courier level, or use a literal string");
      return;
    }
    type_error(id, f, at);
  }

  void steps(std::uint32_t id, const Path& at) {
    const facts::Node& v = j_.node(id);
    if (v.type != Type::Array) {
      j_.error("schema.type", at, v.begin, cat({"\"steps\" must be an array of steps, got ", type_name(v.type)}),
               R"(use "steps": [{"action": "send", ...}])");
      return;
    }
    if (v.count > j_.limits().max_steps) {
      std::string message = "The automation has ";
      append_decimal(message, v.count);
      message += " steps; the limit is ";
      append_decimal(message, j_.limits().max_steps);
      j_.error("limit.steps", at, v.begin, std::move(message),
               "split it into several automations; the limit is Limits::max_steps");
      return;
    }
    std::size_t i = 0;
    for (std::uint32_t s = v.first; s != kNone; s = j_.node(s).next, ++i) step(s, Path(at, i));
  }

  void step(std::uint32_t s, const Path& at) {
    const facts::Node& v = j_.node(s);
    if (v.type != Type::Object) {
      j_.error("schema.type", at, v.begin, cat({"A step must be an object, got ", type_name(v.type)}),
               R"(write the step as {"action": "...", ...})");
      return;
    }
    const std::uint32_t action = j_.member(s, "action");
    if (action == kNone) {
      j_.error("schema.required", Path(at, "action"), v.begin, "The step has no \"action\"",
               cat({"add \"action\": one of ", all_actions()}));
      return;
    }
    const facts::Node& a = j_.node(action);
    if (a.type != Type::String) {
      j_.error("schema.type", Path(at, "action"), a.begin,
               cat({"\"action\" must be a string, got ", type_name(a.type)}), cat({"use one of ", all_actions()}));
      return;
    }
    const spec::ObjectSpec* shape = spec::step(a.text);
    if (shape == nullptr) {
      const std::string near = did_you_mean(a.text, spec::kActions);
      j_.error("step.action.unknown", Path(at, "action"), a.begin, cat({"Unknown step action \"", a.text, "\""}),
               near.empty() ? cat({"use one of ", all_actions()}) : cat({"use \"", near, "\""}));
      return;
    }
    object(s, *shape, at, &spec::step_common());
  }

  void unknown_properties(std::uint32_t obj, const spec::ObjectSpec& spec, const Path& path,
                          const spec::ObjectSpec* extra) {
    for (std::uint32_t m = j_.node(obj).first; m != kNone; m = j_.node(m).next) {
      const facts::Node& v = j_.node(m);
      if (v.shadowed || spec.find(v.key) || (extra && extra->find(v.key))) continue;
      const std::string_view key = v.key;
      const Path at(path, key);
      if (key == "cancellation_token") {
        j_.warning("cancel.token.spelling", at, v.begin, "\"cancellation_token\" (two l's) is ignored by Courier",
                   "spell it \"cancelation_token\"");
        continue;
      }
      std::vector<std::string_view> names;
      for (const auto& f : spec) names.push_back(f.name);
      if (extra) {
        for (const auto& f : *extra) names.push_back(f.name);
      }
      const std::string near = did_you_mean(key, names);
      j_.warning("schema.unknown_property", at, v.begin,
                 cat({"Unknown property \"", key, "\" in ", spec.name, "; Courier ignores it"}),
                 near.empty() ? std::string("remove it") : cat({"did you mean \"", near, "\"?"}));
    }
  }

  void type_error(std::uint32_t id, const spec::FieldSpec& f, const Path& at) {
    const facts::Node& v = j_.node(id);
    j_.error("schema.type", at, v.begin,
             cat({"\"", f.name, "\" must be ", type_word(f.type), ", got ", type_name(v.type)}), expected(f));
  }

  Judge& j_;
};

}  // namespace

void check_shape(Judge& judge) {
  Shape(judge).request();
}

}  // namespace caw
