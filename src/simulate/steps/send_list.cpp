// send-list: one message per subscriber of the list fixture; an unknown list is an ERROR. The step
// is filled from the run as Courier fills it (section 1.12): template and brand = the step's ??
// the run's, data = the run's deep-extended by the step's.
#include "expr/expr.hpp"
#include "simulate/merge.hpp"
#include "simulate/steps/steps.hpp"

namespace caw::sim::steps {

StepResult send_list(StepContext& c, const model::SendListStep& s) {
  StepResult result;
  Engine& e = c.engine;
  auto list = e.resolve(c.run, s.list, c.record, "list");
  if (!list || list->empty()) {
    c.record.note("send-list without a list id");
    result.outcome = Outcome::Error;
    return result;
  }
  auto subscribers = e.fixtures().lists.find(*list);
  if (subscribers == e.fixtures().lists.end()) {
    c.record.note("Invalid List ID. List Not Found.: no list fixture \"" + *list + "\"");
    result.outcome = Outcome::Error;
    return result;
  }
  std::optional<std::string> template_id;
  if (s.template_id.has_value()) {
    template_id = e.resolve(c.run, s.template_id, c.record, "template");
  } else if (c.run.template_id.is_string()) {
    template_id = c.run.template_id.get<std::string>();
  }
  if (!template_id || template_id->empty()) {
    c.record.note("no template: neither the step nor the run has one (Courier requires it for send-list)");
    result.outcome = Outcome::Error;
    return result;
  }
  json brand = c.run.brand();
  if (s.brand.has_value()) {
    brand = nullptr;
    if (auto b = e.resolve(c.run, s.brand, c.record, "brand")) brand = *b;
  }
  const json data = deep_extend(c.run.data, s.data.get());
  if (!s.data_source.absent()) c.record.note("data_source: not simulated; each message gets the run's data");
  for (const std::string& recipient : subscribers->second) {
    Message m;
    m.run = c.run_index;
    m.step = c.record.index;
    m.at = e.now();
    m.recipient = recipient;
    m.template_id = *template_id;
    m.brand = brand;
    m.list = *list;
    if (e.full()) m.data = data;
    e.add_message(std::move(m));
  }
  if (e.full()) {
    c.record.input() = json{{"list", *list}, {"template", *template_id}, {"brand", brand}, {"data", data}};
    c.record.output() = json{{"status", "SENT"}, {"recipients", subscribers->second}};
  }
  if (c.keeps_ref()) {
    result.ref =
        json{{"status", expr::kMessageStatusSent}, {"statusName", "SENT"}, {"recipients", subscribers->second.size()}};
  }
  return result;
}

}  // namespace caw::sim::steps
