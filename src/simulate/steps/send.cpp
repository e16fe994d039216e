// send: the step as Courier's invoke handler fills it from the run (courier-semantics.md 1.12
// step 5, section 6): recipient = the step's if truthy, else the run's; template and brand = the
// step's ?? the run's; data and profile = the run's deep-extended by the step's. The V2 form
// (`message`): to = the run's profile deep-extended by {user_id: run recipient} and message.to;
// the template from the message or the run, or the message's content instead.
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

// step ?? run: a step value (an accessor included, resolved now) unless it is absent or null.
std::optional<std::string> nullish(StepContext& c, const model::Field<model::StringValue>& own, const json& run,
                                   std::string_view name) {
  if (own.has_value()) return c.engine.resolve(c.run, own, c.record, name);
  return run_string(run);
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
    c.record.note("send (V2 message form): to = the run's profile, user_id = the run's recipient, then message.to");
    json to = deep_extend(c.run.profile(), nullptr);
    if (c.run.recipient.is_string()) to["user_id"] = c.run.recipient;
    if (message->is_object()) {
      if (auto t = message->find("to"); t != message->end() && t->is_object()) deep_merge(to, *t);
      template_id = string_at(*message, "template");
      if (!template_id && message->contains("content")) {
        template_id = std::string();
        c.record.note("the message carries content instead of a template");
      }
      if (auto b = string_at(*message, "brand_id")) brand = *b;
      auto d = message->find("data");
      data = deep_extend(c.run.data, d != message->end() ? &*d : nullptr);
    } else {
      data = deep_extend(c.run.data, nullptr);
    }
    recipient = string_at(to, "user_id");
    if (!recipient) recipient = string_at(to, "email");
    if (!template_id) template_id = run_string(c.run.template_id);
    if (template_id && template_id->empty() && !(message->is_object() && message->contains("content"))) {
      template_id.reset();
    }
    if (e.full()) profile = std::move(to);
  } else {
    // `||`: an empty step recipient falls back; an accessor is truthy and is read at run time.
    const std::string* own = model::literal(s.recipient);
    if (s.recipient.has_value() && !(own && own->empty())) {
      recipient = e.resolve(c.run, s.recipient, c.record, "recipient");
    } else {
      recipient = run_string(c.run.recipient);
    }
    template_id = nullish(c, s.template_id, c.run.template_id, "template");
    if (s.brand.has_value()) {
      if (auto b = e.resolve(c.run, s.brand, c.record, "brand")) brand = *b;
    } else {
      brand = c.run.brand();
    }
    if (e.full()) {  // summary detail records no data/profile: do not build them
      data = deep_extend(c.run.data, s.data.get());
      profile = deep_extend(c.run.profile(), s.profile.get());
    }
  }
  if (!recipient || recipient->empty()) {
    c.record.note("no recipient: neither the step nor the run has one (Courier answers 400 Invalid Steps Definition)");
    result.outcome = Outcome::Error;
    return result;
  }
  if (!template_id) {
    c.record.note("no template: neither the step nor the run has one");
    result.outcome = Outcome::Error;
    return result;
  }
  if (template_id->empty() && !s.message.has_value()) {
    c.record.note("the step's template is empty (Courier keeps it: ?? does not fall back to the run's)");
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
  e.add_message(std::move(m));
  if (c.keeps_ref()) result.ref = json{{"status", expr::kMessageStatusSent}, {"statusName", "SENT"}};
  return result;
}

}  // namespace caw::sim::steps
