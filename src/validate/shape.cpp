// The table rules. The field table (schema/spec): types, required members, enums, nullability,
// accessors, deprecated aliases and unknown properties, for the request, the automation, every step
// and the webhook, at the level asked for; at the courier level also where the OpenAPI and
// Courier's engine disagree about a field (docs/courier-semantics.md section 6). The closed shapes
// (schema/closed): at the courier level, every step filled from the run context (validate/fill)
// against its action's closed shape, as Courier's invoke handler checks it (section 1.12).
#include <algorithm>
#include <string>
#include <vector>

#include "schema/closed.hpp"
#include "schema/spec.hpp"
#include "util/cold.hpp"
#include "util/decimal.hpp"
#include "util/did_you_mean.hpp"
#include "util/text.hpp"
#include "validate/fill.hpp"
#include "validate/judge.hpp"

namespace caw {

namespace {

using facts::kNone;
using facts::Type;

constexpr std::string_view kRefused = " (400 Invalid Steps Definition)";

std::string all_actions() {
  return quoted_list(spec::kActions, std::size(spec::kActions));
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

// ------------------------------------------------------------------------------------------------
// The field table.

// Where the OpenAPI and Courier's engine disagree about a field (section 6): a warning that says
// both, "The OpenAPI <openapi> "<name>"<value>; Courier's engine <engine>".
CAW_COLD void contract(Judge& j, const char* code, const Path& at, std::uint32_t offset, std::string_view openapi,
                       std::string_view name, std::string_view value, std::string_view engine, std::string hint) {
  j.warning(code, at, offset, cat({"The OpenAPI ", openapi, " \"", name, "\"", value, "; Courier's engine ", engine}),
            std::move(hint));
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
    object(0, spec::request(), Path(), nullptr, nullptr);
  }

 private:
  // `extra` lists more fields the object may hold (the engine's if/ref on steps); `closed` is the
  // object's closed shape at the courier level (steps and their webhook), for the fields where
  // the OpenAPI and the engine disagree.
  void object(std::uint32_t obj, const spec::ObjectSpec& spec, const Path& path, const spec::ObjectSpec* extra,
              const spec::ClosedShape* closed) {
    for (const spec::FieldSpec& f : spec) field(obj, spec, f, path, closed);
    if (extra && j_.courier()) {
      for (const spec::FieldSpec& f : *extra) field(obj, spec, f, path, nullptr);
    }
    // A closed object's unknown properties are check_closed's errors.
    if (j_.courier() && !(closed && j_.closes())) unknown_properties(obj, spec, path, extra);
  }

  void field(std::uint32_t obj, const spec::ObjectSpec& owner, const spec::FieldSpec& f, const Path& path,
             const spec::ClosedShape* closed) {
    if (f.origin == spec::Origin::Engine && !j_.courier()) return;  // unknown to the OpenAPI: allowed as-is
    const spec::ClosedProperty* engine = closed ? closed->find(f.name) : nullptr;
    const std::uint32_t id = j_.member(obj, f.name);
    const std::string_view name = f.name;
    if (id == kNone) {
      if (!f.required || (j_.courier() && alias_present(obj, owner, f))) return;
      if (engine && !engine->required && !engine->one_of) {
        // The OpenAPI requires it, the engine does not, and Courier's docs leave it out (webhook method).
        return contract(j_, "contract.openapi_stricter", Path(path, f.name), j_.node(obj).begin, "requires", name, "",
                        "does not (its docs leave it out)",
                        cat({"add \"", name, "\" for clients that follow the OpenAPI"}));
      }
      j_.error("schema.required", Path(path, f.name), j_.node(obj).begin,
               cat({"Missing required property \"", name, "\" in ", spec_label(path)}), cat({"add \"", name, "\""}));
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
      case spec::Type::String: string_field(id, f, at, engine); break;
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
          // Courier's fetch-data page gives header values as accessors.
          if (j_.courier() && f.accessor && value.accessor) continue;
          j_.error("schema.type", Path(at, value.key), value.begin,
                   cat({"Header \"", value.key, "\" must be a string, got ", type_name(value.type)}),
                   "quote the value");
        }
        break;
      case spec::Type::Nested:
        if (v.type != Type::Object) {
          type_error(id, f, at);
        } else {
          object(id, *f.nested, at, nullptr, engine ? engine->shape : nullptr);
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

  void string_field(std::uint32_t id, const spec::FieldSpec& f, const Path& at, const spec::ClosedProperty* engine) {
    const facts::Node& v = j_.node(id);
    const std::string_view name = f.name;
    if (v.type == Type::String) {
      if (engine && f.engine_takes_object) {
        return contract(j_, "contract.contradiction", at, v.begin, "types", name, " as a string",
                        "refuses a string (400) and takes an object", "send an object, the engine's form");
      }
      if (f.enum_values == nullptr) return;
      for (std::size_t i = 0; i < f.enum_count; ++i) {
        if (f.enum_values[i] != v.text) continue;
        if (engine && engine->enum_values && !engine->allows(v.text)) {
          const std::string takes = quoted_list(engine->enum_values, engine->enum_count);
          contract(j_, "contract.contradiction", at, v.begin, "allows", name, cat({": \"", v.text, "\""}),
                   cat({"refuses it (400) and takes ", takes}), cat({"use one of ", takes}));
        }
        return;
      }
      const std::string allowed = quoted_list(f.enum_values, f.enum_count);  // only once it is needed
      if (engine && engine->allows(v.text)) {
        return contract(j_, "contract.openapi_stricter", at, v.begin, "refuses", name, cat({": \"", v.text, "\""}),
                        "takes it (its docs use it)",
                        cat({"use one of ", allowed, " for clients that follow the OpenAPI"}));
      }
      const std::vector<std::string_view> options(f.enum_values, f.enum_values + f.enum_count);
      const std::string near = did_you_mean(v.text, options);
      j_.error("schema.enum", at, v.begin, cat({"\"", name, "\" is \"", v.text, "\"; allowed: ", allowed}),
               near.empty() ? cat({"use one of ", allowed}) : cat({"use \"", near, "\""}));
      return;
    }
    if (j_.courier() && v.accessor && f.accessor) return;
    if (j_.courier() && f.engine_takes_object && v.type == Type::Object) {
      return contract(j_, "contract.contradiction", at, v.begin, "types", name, " as a string",
                      "takes this object (and refuses a string)", "keep the object for Courier");
    }
    if (v.accessor) {
      j_.error("schema.type", at, v.begin,
               j_.courier()
                   ? cat({"\"", name, "\" must be a literal string: Courier's engine reads no accessor here"})
                   : cat({"\"", name, "\" must be a string; accessor objects {\"$ref\": ...} are an engine extension"}),
               j_.courier() ? "use a literal string" : "validate at the courier level, or use a literal string");
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
    const spec::ClosedShape* closed = j_.courier() ? spec::closed_step(a.text) : nullptr;
    if (shape == nullptr) {
      // An action only the engine knows (subscribe): check_closed checks it (the model, and so
      // normalize, has no room for it).
      if (closed && j_.closes()) return;
      const std::string near = did_you_mean(a.text, spec::kActions);
      j_.error("step.action.unknown", Path(at, "action"), a.begin, cat({"Unknown step action \"", a.text, "\""}),
               near.empty() ? cat({"use one of ", all_actions()}) : cat({"use \"", near, "\""}));
      return;
    }
    // A V2 send (`message`) skips the closed shape: Courier ignores what it does not read there.
    if (closed && !closed->v2_form.empty() && j_.present(s, closed->v2_form) != kNone) closed = nullptr;
    object(s, *shape, at, &spec::step_common(), closed);
  }

  void unknown_properties(std::uint32_t obj, const spec::ObjectSpec& spec, const Path& path,
                          const spec::ObjectSpec* extra) {
    for (std::uint32_t m = j_.node(obj).first; m != kNone; m = j_.node(m).next) {
      const facts::Node& v = j_.node(m);
      if (v.shadowed || spec.find(v.key) || (extra && extra->find(v.key))) continue;
      const std::string_view key = v.key;
      // The request's `override` is rules/run.cpp's (request.override).
      if (obj == 0 && key == "override") continue;
      const Path at(path, key);
      if (key == "cancellation_token") {
        j_.warning("cancel.token.spelling", at, v.begin, "\"cancellation_token\" (two l's) is ignored by Courier",
                   "spell it \"cancelation_token\"");
        continue;
      }
      const std::string near = spec::nearest_field(key, spec, extra);
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

// ------------------------------------------------------------------------------------------------
// The closed shapes.

// What the table (above) already reported about the step's own value of `p`, so the closed check
// does not say it twice: a missing required member, a null it forbids, any wrong type or enum value.
struct Table {
  const spec::FieldSpec* field;  // the table's field of the same name, or nullptr
  [[nodiscard]] bool requires_it() const { return field && field->required; }
  [[nodiscard]] bool refuses_null() const { return field && (!field->nullable || field->enum_values); }
};

// Where a closed-shape problem is and what it is about: a step (`shape` its action) or a nested
// shape (`shape` the property holding it).
struct Place {
  const Path& at;
  std::string_view shape;
  bool step;
};

enum class Hint : std::uint8_t { Add, AddHere, LeaveOut, LeaveRunOut, GiveValue, KeepOne, Use, Remove };

// What a closed-shape problem says: "Courier refuses <a send step><before>"<name>"<after> (400
// Invalid Steps Definition)<note>" (no quotes when `name` is empty).
struct Said {
  std::string_view before;
  std::string_view name;
  std::string_view after;
  std::string_view note;
};

// Every closed-shape problem in one form, the hint chosen by kind; `arg` is what the hint names
// (the quoted name when empty).
CAW_COLD void refuse(Judge& j, const char* code, const Path& path, std::uint32_t offset, const Place& place,
                     const Said& said, Hint hint, std::string_view arg = {}) {
  const bool vowel = std::string_view("aeiou").find(place.shape[0]) != std::string_view::npos;
  const std::string label =
      place.step ? cat({vowel ? "an " : "a ", place.shape, " step"}) : cat({"\"", place.shape, "\""});
  const std::string quoted = said.name.empty() ? std::string() : cat({"\"", said.name, "\""});
  std::string message = cat({"Courier refuses ", label, said.before, quoted, said.after, kRefused, said.note});
  if (arg.empty()) arg = quoted;
  std::string advice;
  switch (hint) {
    case Hint::Add: advice = cat({"add ", arg}); break;
    case Hint::AddHere: advice = cat({"add ", arg, " to the step or to the request"}); break;
    case Hint::LeaveOut: advice = cat({"leave ", arg, " out"}); break;
    case Hint::LeaveRunOut: advice = cat({"leave the request's ", arg, " out, or give the step its own"}); break;
    case Hint::GiveValue: advice = cat({"give ", arg, " a value"}); break;
    case Hint::KeepOne: advice = "keep one of them"; break;
    case Hint::Use: advice = cat({"use ", arg}); break;
    case Hint::Remove: advice = arg == quoted ? "remove it" : cat({"did you mean \"", arg, "\"?"}); break;
  }
  j.error(code, path, offset, std::move(message), std::move(advice));
}

const char* code_or(const char* code, const char* generic) {
  return code ? code : generic;
}

class Closed {
 public:
  explicit Closed(Judge& j) : j_(j) {}

  void steps() {
    if (j_.node(0).type != Type::Object) return;
    const std::uint32_t automation = j_.member(0, "automation");
    if (automation == kNone || j_.node(automation).type != Type::Object) return;
    const std::uint32_t steps = j_.member(automation, "steps");
    if (steps == kNone || j_.node(steps).type != Type::Array || j_.node(steps).count > j_.limits().max_steps) return;
    const Path steps_path = Path::text("/automation/steps");
    std::size_t i = 0;
    for (std::uint32_t s = j_.node(steps).first; s != kNone; s = j_.node(s).next, ++i) {
      if (j_.node(s).type != Type::Object) continue;
      const std::uint32_t action = j_.string_member(s, "action");
      if (action == kNone) continue;
      const spec::ClosedShape* shape = spec::closed_step(j_.node(action).text);
      if (shape == nullptr) continue;                                                   // step.action.unknown
      if (!shape->v2_form.empty() && j_.present(s, shape->v2_form) != kNone) continue;  // rules/send.cpp
      const Path at(steps_path, i);
      if (shape->not_in_openapi) {
        j_.warning("step.action.engine_only", Path(at, "action"), j_.node(action).begin,
                   cat({"\"", shape->name, "\" steps are not in the OpenAPI; Courier's engine accepts them"}),
                   "expect clients that follow the OpenAPI to refuse this step");
      }
      object(s, *shape, spec::step(shape->name), Place{at, shape->name, true});
    }
  }

 private:
  void object(std::uint32_t obj, const spec::ClosedShape& shape, const spec::ObjectSpec* table, const Place& place) {
    unknown(obj, shape, table, place);
    group(obj, shape, table, place);
    for (const spec::ClosedProperty& p : shape) {
      if (!p.one_of) property(obj, p, table, place, place.step);
    }
    if (place.step) every_step(obj, table, place);
  }

  // `if` and `ref`: strings on every step (the table types them where it knows the action).
  void every_step(std::uint32_t obj, const spec::ObjectSpec* table, const Place& place) {
    for (std::string_view name : spec::every_step()) {
      const std::uint32_t id = j_.member(obj, name);
      if (id == kNone) continue;
      const facts::Node& v = j_.node(id);
      if (v.type == Type::Null) {
        refuse(j_, "step.property.null", Path(place.at, name), v.begin, place, Said{" with ", name, ": null", ""},
               Hint::LeaveOut);
      } else if (v.type != Type::String && !table) {
        refuse(j_, "schema.type", Path(place.at, name), v.begin, place,
               Said{" with ", name, cat({": ", type_name(v.type)}), ""}, Hint::Use, "a string");
      }
    }
  }

  void unknown(std::uint32_t obj, const spec::ClosedShape& shape, const spec::ObjectSpec* table, const Place& place) {
    const spec::Names common = spec::every_step();
    for (std::uint32_t m = j_.node(obj).first; m != kNone; m = j_.node(m).next) {
      const facts::Node& v = j_.node(m);
      if (v.shadowed || shape.find(v.key)) continue;
      if (place.step && std::find(common.begin(), common.end(), v.key) != common.end()) continue;
      std::vector<std::string_view> names;
      for (const spec::ClosedProperty& p : shape) names.push_back(p.name);
      if (place.step) names.insert(names.end(), common.begin(), common.end());
      refuse(j_, "step.property.unknown", Path(place.at, v.key), v.begin, place,
             Said{" with the property ", v.key, "",
                  table && table->find(v.key) ? "" : "; the OpenAPI allows unknown properties, the engine does not"},
             Hint::Remove, did_you_mean(v.key, names));
    }
  }

  // Exactly one of the group (delay timing, cancel token), each alone in its own alternative shape:
  // none but nulls is none, and a second one, even null, is refused.
  void group(std::uint32_t obj, const spec::ClosedShape& shape, const spec::ObjectSpec* table, const Place& place) {
    std::uint32_t members = 0;
    std::uint32_t present = 0;
    std::uint32_t values = 0;
    bool openapi_requires = false;
    const spec::ClosedProperty* only = nullptr;
    for (const spec::ClosedProperty& p : shape) {
      if (!p.one_of) continue;
      ++members;
      openapi_requires = openapi_requires || Table{table ? table->find(p.name) : nullptr}.requires_it();
      const std::uint32_t id = j_.member(obj, p.name);
      if (id == kNone) continue;
      ++present;
      if (j_.node(id).type == Type::Null) continue;
      ++values;
      only = &p;
    }
    if (members == 0 || (values == 0 && openapi_requires)) return;  // schema.required, or the table's null
    if (values == 1 && present == 1) return property(obj, *only, table, place, false);
    std::string names;
    for (const spec::ClosedProperty& p : shape) {
      if (p.one_of) names = cat({names, names.empty() ? "" : "/", p.name});
    }
    const std::string_view note = table ? "; the OpenAPI allows it" : "";
    if (values == 0) {
      refuse(j_, code_or(shape.one_of_missing, "step.property.missing"), place.at, j_.node(obj).begin, place,
             Said{" without one of ", {}, cat({names, present ? " (null is none)" : ""}), note}, Hint::Add, names);
    } else {
      refuse(j_, code_or(shape.one_of_conflict, "step.property.unknown"), place.at, j_.node(obj).begin, place,
             Said{" with more than one of ", {}, cat({names, present > values ? ", a null one included" : ""}), note},
             Hint::KeepOne);
    }
  }

  void property(std::uint32_t obj, const spec::ClosedProperty& p, const spec::ObjectSpec* table, const Place& place,
                bool filling) {
    const Filled filled = filling ? fill(j_, obj, p) : Filled{j_.member(obj, p.name)};
    const Table own{table ? table->find(p.name) : nullptr};
    const Path here(place.at, p.name);
    const bool from_request = p.fill != spec::Fill::None;
    if (filled.absent()) {
      if (!p.required || (own.requires_it() && j_.member(obj, p.name) == kNone)) return;
      return refuse(j_, code_or(p.code, "step.property.missing"), here, j_.node(obj).begin, place,
                    Said{" without ", p.name, "",
                         from_request ? ": neither the step nor the request gives one"
                         : own.field  ? "; the OpenAPI makes it optional"
                                      : ""},
                    from_request ? Hint::AddHere : Hint::Add);
    }
    if (filled.object) return;
    const facts::Node& v = j_.node(filled.node);
    if (v.type == Type::Null) {
      if (!filled.from_run && own.refuses_null()) return;  // schema.type / schema.enum
      return refuse(j_, code_or(p.code, "step.property.null"), here, filled.from_run ? j_.node(obj).begin : v.begin,
                    place,
                    Said{filled.from_run ? " filled with the request's " : " with ", p.name, ": null",
                         own.field || filled.from_run ? "; the OpenAPI allows null there" : ""},
                    filled.from_run ? Hint::LeaveRunOut : Hint::LeaveOut);
    }
    if (!matches(p, v)) {
      // The table reported the step's own values of its fields, and the request's (filled from it),
      // except an accessor where the engine wants a closed shape (the table takes any object).
      if (filled.from_run || (own.field && !(p.value == spec::Value::Shape && v.accessor))) return;
      const bool is_enum = p.value == spec::Value::Enum;
      return refuse(j_, is_enum && v.type == Type::String ? "schema.enum" : "schema.type", here, v.begin, place,
                    Said{" with ", p.name,
                         cat({": ", v.type == Type::String ? v.text
                                    : v.accessor           ? "an accessor"
                                                           : type_name(v.type)}),
                         ""},
                    Hint::Use,
                    is_enum                          ? quoted_list(p.enum_values, p.enum_count)
                    : p.value == spec::Value::String ? "a string"
                                                     : "an object");
    }
    if (p.non_empty && v.type == Type::String && v.text.empty()) {
      return refuse(
          j_, code_or(p.code, "step.property.empty"), here, filled.from_run ? j_.node(obj).begin : v.begin, place,
          Said{filled.from_run ? " filled with the request's empty " : " with an empty ", p.name,
               p.fill == spec::Fill::Nullish && !filled.from_run ? " (?? keeps an empty step value)" : "", ""},
          Hint::GiveValue);
    }
    if (p.value == spec::Value::Shape && v.type == Type::Object && !v.accessor && j_.recorded(filled.node)) {
      const spec::FieldSpec* f = own.field;
      object(filled.node, *p.shape, f && f->nested ? f->nested : nullptr, Place{here, p.name, false});
    }
  }

  static bool matches(const spec::ClosedProperty& p, const facts::Node& v) {
    switch (p.value) {
      case spec::Value::String: return v.type == Type::String || v.accessor;
      case spec::Value::Object: return v.type == Type::Object;
      case spec::Value::Enum: return v.type == Type::String && p.allows(v.text);
      case spec::Value::Shape: return v.type == Type::Object && (!v.accessor || p.shape->accessor_allowed);
    }
    return false;
  }

  Judge& j_;
};

}  // namespace

void check_shape(Judge& judge) {
  Shape(judge).request();
}

void check_closed(Judge& judge) {
  Closed(judge).steps();
}

}  // namespace caw
