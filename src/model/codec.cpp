#include "model/codec.hpp"

#include <optional>
#include <set>
#include <string_view>
#include <type_traits>
#include <vector>

#include "json/parse_text.hpp"
#include "json/text_writer.hpp"

namespace caw::model {

namespace {

// ---------------------------------------------------------------- reading

bool read_string_value(const Json& v, StringValue& out) {
  if (v.is_string()) {
    out = v.get<std::string>();
    return true;
  }
  if (v.is_object() && v.size() == 1) {
    auto it = v.find("$ref");
    if (it != v.end() && it->is_string()) {
      out = Accessor{it->get<std::string>()};
      return true;
    }
  }
  return false;
}

bool read_value(const Json& v, StringValue& out) {
  return read_string_value(v, out);
}

// Object-typed fields hold any non-null value: their type is the validator's business, and
// keeping the value where it was written keeps round trips exact.
bool read_value(const Json& v, Json& out) {
  out = v;
  return true;
}

bool read_value(const Json& v, Webhook& out);

// Reads every field a struct lists; what is unknown, or of a type the field cannot hold,
// goes to `extra`.
class Reader {
 public:
  Reader(const Json& obj, Json& extra) : obj_(obj), extra_(extra) {}

  template <class T>
  void operator()(std::string_view name, Field<T>& field) {
    known_.insert(name);
    auto it = obj_.find(std::string(name));
    if (it == obj_.end()) return;
    if (it->is_null()) {
      field = Field<T>::null();
      return;
    }
    T value{};
    if (read_value(*it, value)) {
      field = Field<T>(std::move(value));
    } else {
      extra_[std::string(name)] = *it;
    }
  }

  void also_known(std::string_view name) { known_.insert(name); }

  void keep_unknown() {
    for (auto it = obj_.begin(); it != obj_.end(); ++it) {
      if (known_.count(it.key()) == 0) extra_[it.key()] = it.value();
    }
  }

 private:
  const Json& obj_;
  Json& extra_;
  std::set<std::string_view, std::less<>> known_;
};

bool read_value(const Json& v, Webhook& out) {
  if (!v.is_object()) return false;
  Reader r(v, out.extra);
  Webhook::fields(out, r);
  r.keep_unknown();
  return true;
}

// ---------------------------------------------------------------- writing

// Text written directly in the order the model lists its fields (TextWriter formats it as
// nlohmann's dump(indent) would): no ordered_json instantiation in the wasm.

void write_value(TextWriter& tw, const StringValue& v) {
  if (const auto* s = std::get_if<std::string>(&v)) {
    tw.string(*s);
    return;
  }
  tw.begin_object();
  tw.key("$ref");
  tw.string(std::get<Accessor>(v).path);
  tw.end_object();
}

void write_value(TextWriter& tw, const Json& v) {
  tw.value(v);
}

void write_value(TextWriter& tw, const Webhook& w);

class Writer {
 public:
  explicit Writer(TextWriter& tw) : tw_(tw) {}
  template <class T>
  void operator()(std::string_view name, const Field<T>& field) {
    if (field.is_null()) {
      tw_.key(name);
      tw_.value(Json(nullptr));
    } else if (const T* v = field.get()) {
      tw_.key(name);
      write_value(tw_, *v);
    }
  }
  void extras(const Json& extra) {
    for (auto it = extra.begin(); it != extra.end(); ++it) {
      tw_.key(it.key());
      tw_.value(it.value());
    }
  }

 private:
  TextWriter& tw_;
};

void write_value(TextWriter& tw, const Webhook& w) {
  tw.begin_object();
  Writer wr(tw);
  Webhook::fields(w, wr);
  wr.extras(w.extra);
  tw.end_object();
}

void write_step(TextWriter& tw, const Step& step) {
  if (step.not_an_object) {
    tw.value(*step.not_an_object);
    return;
  }
  tw.begin_object();
  if (step.has_action) {
    tw.key("action");
    tw.string(step.action);
  }
  Writer w(tw);
  std::visit([&w](const auto& body) { std::decay_t<decltype(body)>::fields(body, w); }, step.body);
  Step::common_fields(step, w);
  w.extras(step.extra);
  tw.end_object();
}

void write_request(TextWriter& tw, const AdHocRequest& req) {
  tw.begin_object();
  if (req.has_automation) {
    tw.key("automation");
    tw.begin_object();
    Writer aw(tw);
    Automation::fields(req.automation, aw);
    if (req.automation.has_steps) {
      tw.key("steps");
      tw.begin_array();
      for (const Step& s : req.automation.steps) write_step(tw, s);
      tw.end_array();
    }
    aw.extras(req.automation.extra);
    tw.end_object();
  }
  Writer w(tw);
  AdHocRequest::fields(req, w);
  w.extras(req.extra);
  tw.end_object();
}

}  // namespace

Step step_from_json(const Json& obj) {
  Step step;
  if (!obj.is_object()) {
    step.not_an_object = obj;  // the shape checker reports it; kept for a lossless round trip
    return step;
  }
  Reader r(obj, step.extra);
  r.also_known("action");
  auto action = obj.find("action");
  if (action != obj.end() && action->is_string()) {
    step.action = action->get<std::string>();
    step.has_action = true;
  } else if (action != obj.end()) {
    step.extra["action"] = *action;
  }
  const std::optional<spec::Action> kind = spec::action_named(step.action);
  step.body = kind ? body_for(*kind) : StepBody{UnknownStep{}};
  std::visit([&r](auto& body) { std::decay_t<decltype(body)>::fields(body, r); }, step.body);
  Step::common_fields(step, r);
  r.keep_unknown();
  return step;
}

AdHocRequest request_from_json(const Json& obj) {
  AdHocRequest req;
  if (!obj.is_object()) return req;
  Reader r(obj, req.extra);
  r.also_known("automation");
  auto automation = obj.find("automation");
  if (automation != obj.end() && automation->is_object()) {
    req.has_automation = true;
    Automation& a = req.automation;
    Reader ar(*automation, a.extra);
    Automation::fields(a, ar);
    ar.also_known("steps");
    auto steps = automation->find("steps");
    if (steps != automation->end() && steps->is_array()) {
      a.has_steps = true;
      a.steps.reserve(steps->size());
      for (const Json& s : *steps) a.steps.push_back(step_from_json(s));
    } else if (steps != automation->end()) {
      a.extra["steps"] = *steps;
    }
    ar.keep_unknown();
  } else if (automation != obj.end()) {
    req.extra["automation"] = *automation;
  }
  AdHocRequest::fields(req, r);
  r.keep_unknown();
  return req;
}

std::string step_to_text(const Step& step, int indent) {
  std::string out;
  TextWriter tw(out, indent);
  write_step(tw, step);
  return out;
}

std::string request_to_text(const AdHocRequest& request, int indent) {
  std::string out;
  TextWriter tw(out, indent);
  write_request(tw, request);
  return out;
}

Json request_to_json(const AdHocRequest& request) {
  // The text is ours and well formed; parse_text never throws, whatever it is given.
  return parse_text(request_to_text(request), Limits{}).value;
}

}  // namespace caw::model
