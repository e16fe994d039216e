// fetch-data: the response comes from the scenario's webhook fixtures (method + URL), or from
// the caller's own fetch when the engine runs with external_fetch; never from the network.
// A missing or failing fixture gives {} as Courier does, plus a note.
#include <cctype>

#include "simulate/merge.hpp"
#include "simulate/steps/steps.hpp"

namespace caw::sim::steps {

StepResult fetch_data(StepContext& c, const model::FetchDataStep& s) {
  StepResult result;
  Engine& e = c.engine;
  const model::Webhook* hook = s.webhook.get();
  if (hook == nullptr) {
    c.record.note("fetch-data without a webhook");
    result.outcome = Outcome::Error;
    return result;
  }
  auto url = e.resolve(c.run, hook->url, c.record, "webhook.url");
  if (!url || url->empty()) {
    c.record.note("fetch-data without a webhook url");
    result.outcome = Outcome::Error;
    return result;
  }
  std::string method = "GET";
  if (auto m = e.resolve(c.run, hook->method, c.record, "webhook.method")) method = *m;
  for (char& ch : method) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  std::string strategy = "replace";
  if (auto m = e.resolve(c.run, s.merge_strategy, c.record, "merge_strategy")) strategy = *m;

  json request = json{{"method", method}, {"url", *url}};
  if (const json* h = hook->headers.get()) request["headers"] = *h;
  if (const json* b = hook->body.get()) request["body"] = *b;
  if (const json* p = hook->params.get()) request["params"] = *p;

  for (const WebhookFixture& f : e.fixtures().webhooks) {
    if (f.method == method && f.url == *url) {
      const bool ok = f.status < 400;
      if (!ok) c.record.note("webhook fixture answers HTTP " + std::to_string(f.status) + ": the engine sees {}");
      finish_fetch(e, c.run, c.record, request, strategy, ok ? f.response : json::object(), ok, result.ref);
      return result;
    }
  }
  if (e.options().external_fetch) {
    if (e.full()) c.record.input() = json{{"request", request}, {"merge_strategy", strategy}, {"data", c.run.data}};
    e.set_pending(PendingFetch{c.run_index, std::move(request), std::move(strategy), e.next_fetch_id()});
    result.outcome = Outcome::Pending;
    return result;
  }
  c.record.note("no webhook fixture for " + method + " " + *url +
                ": the engine sees {} (the dry run never calls the network)");
  finish_fetch(e, c.run, c.record, request, strategy, json::object(), false, result.ref);
  return result;
}

void finish_fetch(Engine& engine, Run& run, StepRecord& record, const json& request, const std::string& strategy,
                  const json& response, bool ok, json& ref) {
  const json body = ok ? response : json::object();
  engine.charge(Engine::json_bytes(body));  // merged into the run's data
  const json before = engine.full() ? run.data : json();
  if (strategy == "overwrite") {
    if (run.data.is_null()) run.data = json::object();
    deep_merge(run.data, body);
  } else if (strategy == "soft-merge") {
    soft_merge(run.data, body);
  } else if (strategy == "none") {
    if (run.data.is_null() || run.data.empty()) run.data = body;
  } else {
    if (strategy != "replace") record.note("unknown merge_strategy \"" + strategy + "\": used replace");
    run.data = body;
  }
  if (engine.full()) {
    record.input() = json{{"request", request}, {"merge_strategy", strategy}, {"data", before}};
    record.output() = json{{"response", body}, {"data", run.data}};
  }
  ref = body;
}

}  // namespace caw::sim::steps
