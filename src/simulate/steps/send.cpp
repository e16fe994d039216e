// send: recipient, template and brand from the step or else the run; data and profile are the
// run's shallowly merged with the step's, step keys winning (courier-semantics.md section 6).
#include "expr/expr.hpp"
#include "simulate/merge.hpp"
#include "simulate/steps/steps.hpp"

namespace caw::sim::steps {

namespace {

std::optional<std::string> run_string(const json& j) {
  if (j.is_string()) return j.get<std::string>();
  return std::nullopt;
}

std::optional<std::string> string_at(const json& obj, const char* key) {
  if (!obj.is_object()) return std::nullopt;
  auto it = obj.find(key);
  if (it == obj.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

}  // namespace

StepResult send(StepContext& c, const model::SendStep& s) {
  StepResult result;
  Engine& e = c.engine;
  std::optional<std::string> recipient;
  std::optional<std::string> template_id;
  json brand;
  json data;
  json profile;
  if (const json* message = s.message.get()) {
    // The V2 form: a whole Send API message; only its routing is read.
    c.record.note(
        "send (V2 message form): recipient from message.to.user_id or .email, template from message.template");
    if (message->is_object()) {
      if (auto to = message->find("to"); to != message->end()) {
        recipient = string_at(*to, "user_id");
        if (!recipient) recipient = string_at(*to, "email");
      }
      template_id = string_at(*message, "template");
      if (auto b = string_at(*message, "brand_id")) brand = *b;
      if (auto d = message->find("data"); d != message->end()) data = shallow_merge(c.run.data, *d);
    }
    if (!template_id) template_id = run_string(c.run.template_id);
    if (data.is_null()) data = shallow_merge(c.run.data, json::object());
  } else {
    recipient = e.resolve(c.run, s.recipient, c.record, "recipient");
    if (!recipient) recipient = run_string(c.run.recipient);
    template_id = e.resolve(c.run, s.template_id, c.record, "template");
    if (!template_id) template_id = run_string(c.run.template_id);
    if (auto b = e.resolve(c.run, s.brand, c.record, "brand")) {
      brand = *b;
    } else {
      brand = c.run.brand;
    }
    if (e.full()) {  // summary detail records no data/profile: do not build them
      const json* step_data = s.data.get();
      data = shallow_merge(c.run.data, step_data ? *step_data : json::object());
      const json* step_profile = s.profile.get();
      if (step_profile || c.run.profile.is_object()) {
        profile = shallow_merge(c.run.profile, step_profile ? *step_profile : json::object());
      }
    }
  }
  if (!recipient || recipient->empty()) {
    c.record.note("no recipient: neither the step nor the run has one (Courier answers 400 Invalid Steps Definition)");
    result.outcome = Outcome::Error;
    return result;
  }
  if (!template_id || template_id->empty()) {
    c.record.note("no template: neither the step nor the run has one");
    result.outcome = Outcome::Error;
    return result;
  }
  if (e.full()) {
    c.record.input() = json{
        {"recipient", *recipient}, {"template", *template_id}, {"brand", brand}, {"data", data}, {"profile", profile}};
    c.record.output() = json{{"status", "SENT"}, {"message", e.messages().size()}};
  }
  Message m;
  m.run = c.run_index;
  m.step = c.record.index;
  m.at = e.now();
  m.recipient = *recipient;
  m.template_id = *template_id;
  m.brand = std::move(brand);
  if (e.full()) {
    m.data = std::move(data);
    m.profile = std::move(profile);
  }
  e.messages().push_back(std::move(m));
  result.ref = json{{"status", expr::kMessageStatusSent}, {"statusName", "SENT"}};
  return result;
}

}  // namespace caw::sim::steps
