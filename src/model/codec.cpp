#include "model/codec.hpp"

#include <set>
#include <string_view>

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

template <class StepT>
StepBody read_body(Reader& r) {
  StepT body;
  StepT::fields(body, r);
  return body;
}

// ---------------------------------------------------------------- writing

OrderedJson write_value(const StringValue& v) {
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  return OrderedJson{{"$ref", std::get<Accessor>(v).path}};
}

// Free-form objects keep their keys sorted (nlohmann's std::map), so the output is deterministic.
OrderedJson write_value(const Json& v) {
  switch (v.type()) {
    case Json::value_t::object: {
      OrderedJson out = OrderedJson::object();
      for (auto it = v.begin(); it != v.end(); ++it) out[it.key()] = write_value(it.value());
      return out;
    }
    case Json::value_t::array: {
      OrderedJson out = OrderedJson::array();
      for (const Json& item : v) out.push_back(write_value(item));
      return out;
    }
    case Json::value_t::string: return v.get_ref<const std::string&>();
    case Json::value_t::boolean: return v.get<bool>();
    case Json::value_t::number_integer: return v.get<std::int64_t>();
    case Json::value_t::number_unsigned: return v.get<std::uint64_t>();
    case Json::value_t::number_float: return v.get<double>();
    default: return nullptr;
  }
}

OrderedJson write_value(const Webhook& w);

class Writer {
 public:
  explicit Writer(OrderedJson& out) : out_(out) {}
  template <class T>
  void operator()(std::string_view name, const Field<T>& field) {
    if (field.is_null()) {
      out_[std::string(name)] = nullptr;
    } else if (const T* v = field.get()) {
      out_[std::string(name)] = write_value(*v);
    }
  }
  void extras(const Json& extra) {
    for (auto it = extra.begin(); it != extra.end(); ++it) out_[it.key()] = write_value(it.value());
  }

 private:
  OrderedJson& out_;
};

OrderedJson write_value(const Webhook& w) {
  OrderedJson out = OrderedJson::object();
  Writer wr(out);
  Webhook::fields(w, wr);
  wr.extras(w.extra);
  return out;
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
  } else if (action != obj.end()) {
    step.extra["action"] = *action;
  }
  const std::string& a = step.action;
  if (a == "delay") {
    step.body = read_body<DelayStep>(r);
  } else if (a == "send") {
    step.body = read_body<SendStep>(r);
  } else if (a == "send-list") {
    step.body = read_body<SendListStep>(r);
  } else if (a == "update-profile") {
    step.body = read_body<UpdateProfileStep>(r);
  } else if (a == "cancel") {
    step.body = read_body<CancelStep>(r);
  } else if (a == "fetch-data") {
    step.body = read_body<FetchDataStep>(r);
  } else if (a == "invoke") {
    step.body = read_body<InvokeStep>(r);
  } else {
    step.body = UnknownStep{};
  }
  r("if", step.if_);
  r("ref", step.ref);
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
    Automation& a = req.automation;
    Reader ar(*automation, a.extra);
    ar("cancelation_token", a.cancelation_token);
    ar.also_known("steps");
    auto steps = automation->find("steps");
    if (steps != automation->end() && steps->is_array()) {
      a.steps.reserve(steps->size());
      for (const Json& s : *steps) a.steps.push_back(step_from_json(s));
    } else if (steps != automation->end()) {
      a.extra["steps"] = *steps;
    }
    ar.keep_unknown();
  } else if (automation != obj.end()) {
    req.extra["automation"] = *automation;
  }
  r("brand", req.brand);
  r("data", req.data);
  r("profile", req.profile);
  r("recipient", req.recipient);
  r("template", req.template_id);
  r.keep_unknown();
  return req;
}

OrderedJson step_to_json(const Step& step) {
  if (step.not_an_object) return OrderedJson(*step.not_an_object);
  OrderedJson out = OrderedJson::object();
  if (!step.action.empty() || !step.extra.contains("action")) out["action"] = step.action;
  Writer w(out);
  std::visit([&w](const auto& body) { std::decay_t<decltype(body)>::fields(body, w); }, step.body);
  w("if", step.if_);
  w("ref", step.ref);
  w.extras(step.extra);
  return out;
}

OrderedJson request_to_json(const AdHocRequest& req) {
  OrderedJson out = OrderedJson::object();
  const bool automation_is_object = !req.extra.contains("automation");
  if (automation_is_object) {
    OrderedJson automation = OrderedJson::object();
    Writer aw(automation);
    aw("cancelation_token", req.automation.cancelation_token);
    if (!req.automation.extra.contains("steps")) {
      OrderedJson steps = OrderedJson::array();
      for (const Step& s : req.automation.steps) steps.push_back(step_to_json(s));
      automation["steps"] = std::move(steps);
    }
    aw.extras(req.automation.extra);
    out["automation"] = std::move(automation);
  }
  Writer w(out);
  w("brand", req.brand);
  w("data", req.data);
  w("profile", req.profile);
  w("recipient", req.recipient);
  w("template", req.template_id);
  w.extras(req.extra);
  return out;
}

}  // namespace caw::model
