#include "simulate/scenario.hpp"

#include <iterator>

#include "json/dump.hpp"
#include "json/pointer.hpp"
#include "model/codec.hpp"
#include "simulate/merge.hpp"
#include "simulate/validate_request.hpp"
#include "time/timestamp.hpp"

namespace caw::sim {

bool is_accessor_object(const json& v);

namespace {

json string_or_null(const json& obj, const char* key) {
  auto it = obj.find(key);
  return it != obj.end() && it->is_string() ? *it : json();
}

json object_or_null(const json& obj, const char* key) {
  auto it = obj.find(key);
  return it != obj.end() && it->is_object() ? *it : json();
}

}  // namespace

bool read_time(const json& v, const std::string& path, Report& report, EpochMs& out) {
  if (!v.is_string()) {
    report.error("scenario.time", path, "expected an ISO 8601 timestamp string");
    return false;
  }
  time::TimestampParse t = time::parse_timestamp(v.get_ref<const std::string&>());
  if (!t.ok()) {
    report.error("scenario.time", path,
                 "\"" + v.get<std::string>() + "\" is not an ISO 8601 timestamp" +
                     (t.detail.empty() ? std::string() : " (" + t.detail + ")"),
                 "e.g. 2024-01-01T00:00:00Z");
    return false;
  }
  out = t.value.epoch_ms;
  return true;
}

std::shared_ptr<const Program> compile_program(const json& steps, const Limits& limits) {
  auto program = std::make_shared<Program>();
  if (steps.is_array()) {
    program->steps.reserve(steps.size());
    program->conditions.reserve(steps.size());
    for (const json& s : steps) {
      program->steps.push_back(model::step_from_json(s));
      expr::ParseResult cond;
      if (const std::string* text = model::literal(program->steps.back().if_)) cond = expr::parse(*text, limits);
      program->conditions.push_back(std::move(cond));
    }
  }
  return program;
}

std::shared_ptr<const Program> program_for(const json& steps, const Limits& limits, ProgramCache& cache) {
  std::string key = dump_json(steps);
  auto it = cache.find(key);
  if (it != cache.end()) return it->second;
  auto program = compile_program(steps, limits);
  cache.emplace(std::move(key), program);
  return program;
}

RunSpec spec_from_request(const json& request, const Limits& limits, ProgramCache& cache) {
  RunSpec spec;
  static const json kNoSteps = json::array();
  const json* steps = &kNoSteps;
  if (auto a = request.find("automation"); a != request.end() && a->is_object()) {
    if (auto s = a->find("steps"); s != a->end()) steps = &*s;
    if (auto t = a->find("cancelation_token"); t != a->end()) {
      if (t->is_string()) {
        spec.cancelation_token = model::StringValue(t->get<std::string>());
      } else if (is_accessor_object(*t)) {
        spec.cancelation_token = model::StringValue(model::Accessor{(*t)["$ref"].get<std::string>()});
      }
    }
  }
  spec.program = program_for(*steps, limits, cache);
  spec.data = object_or_null(request, "data");
  spec.profile = object_or_null(request, "profile");
  spec.recipient = string_or_null(request, "recipient");
  spec.brand = string_or_null(request, "brand");
  spec.template_id = string_or_null(request, "template");
  return spec;
}

bool is_accessor_object(const json& v) {
  if (!v.is_object() || v.size() != 1) return false;
  auto it = v.find("$ref");
  return it != v.end() && it->is_string();
}

Fixtures parse_fixtures(const json& fixtures, const std::string& path, const Limits& limits, ProgramCache& cache,
                        Report& report) {
  Fixtures out;
  if (fixtures.is_null()) return out;
  if (!fixtures.is_object()) {
    report.error("scenario.fixtures", path, "fixtures must be an object");
    return out;
  }
  for (auto it = fixtures.begin(); it != fixtures.end(); ++it) {
    const std::string p = child_pointer(path, it.key());
    const json& v = *it;
    if (it.key() == "profiles") {
      if (!v.is_object()) {
        report.error("scenario.fixtures", p, "profiles must be an object of recipient id -> profile object");
        continue;
      }
      for (auto pr = v.begin(); pr != v.end(); ++pr) {
        if (!pr->is_object())
          report.error("scenario.fixtures", child_pointer(p, pr.key()), "a profile must be an object");
      }
      out.profiles = v;
    } else if (it.key() == "lists") {
      if (!v.is_object()) {
        report.error("scenario.fixtures", p, "lists must be an object of list id -> array of recipient ids");
        continue;
      }
      for (auto l = v.begin(); l != v.end(); ++l) {
        const std::string lp = child_pointer(p, l.key());
        if (!l->is_array()) {
          report.error("scenario.fixtures", lp, "a list must be an array of recipient ids");
          continue;
        }
        std::vector<std::string> ids;
        for (std::size_t i = 0; i < l->size(); ++i) {
          const json& id = (*l)[i];
          if (!id.is_string()) {
            report.error("scenario.fixtures", child_pointer(lp, i), "a recipient id must be a string");
            continue;
          }
          ids.push_back(id.get<std::string>());
        }
        out.lists.emplace(l.key(), std::move(ids));
      }
    } else if (it.key() == "templates") {
      if (!v.is_object()) {
        report.error("scenario.fixtures", p,
                     "templates must be an object of template id -> {steps, cancelation_token?} or ad hoc invoke body");
        continue;
      }
      for (auto t = v.begin(); t != v.end(); ++t) {
        const std::string tp = child_pointer(p, t.key());
        // Written as Courier stores a template ({steps, cancelation_token?}) or as an invoke body.
        const bool stored = t->is_object() && t->contains("steps") && !t->contains("automation");
        const json body = stored ? json{{"automation", *t}} : json();
        const json& request = stored ? body : *t;
        Report r = validate_template(request, limits);
        if (stored) {
          for (auto* list : {&r.errors(), &r.warnings()}) {
            for (Problem& problem : *list) {
              if (problem.path.rfind("/automation", 0) == 0) problem.path.erase(0, std::string("/automation").size());
            }
          }
        }
        report.merge(r, tp);
        if (!r.valid()) continue;
        TemplateFixture f;
        f.spec = spec_from_request(request, limits, cache);
        f.spec.template_name = t.key();
        out.templates.emplace(t.key(), std::move(f));
      }
    } else if (it.key() == "webhooks") {
      if (!v.is_array()) {
        report.error("scenario.fixtures", p, "webhooks must be an array of {method, url, response | status}");
        continue;
      }
      for (std::size_t i = 0; i < v.size(); ++i) {
        const std::string wp = child_pointer(p, i);
        const json& w = v[i];
        if (!w.is_object()) {
          report.error("scenario.fixtures", wp, "a webhook fixture must be an object");
          continue;
        }
        WebhookFixture f;
        f.method = "GET";
        bool good = true;
        for (auto k = w.begin(); k != w.end(); ++k) {
          const std::string kp = child_pointer(wp, k.key());
          if (k.key() == "method") {
            if (!k->is_string()) {
              report.error("scenario.fixtures", kp, "method must be a string");
              good = false;
              continue;
            }
            f.method = k->get<std::string>();
            for (char& ch : f.method) ch = static_cast<char>(ch >= 'a' && ch <= 'z' ? ch - 32 : ch);
          } else if (k.key() == "url") {
            if (!k->is_string()) {
              report.error("scenario.fixtures", kp, "url must be a string");
              good = false;
              continue;
            }
            f.url = k->get<std::string>();
          } else if (k.key() == "response") {
            f.response = *k;
          } else if (k.key() == "status") {
            if (!k->is_number_integer() || k->get<std::int64_t>() < 100 || k->get<std::int64_t>() > 599) {
              report.error("scenario.fixtures", kp, "status must be an HTTP status code (100-599)");
              good = false;
              continue;
            }
            f.status = static_cast<int>(k->get<std::int64_t>());
          } else {
            report.error("scenario.fixtures", kp, "unknown webhook fixture property \"" + k.key() + "\"",
                         "method, url, response, status");
            good = false;
          }
        }
        if (f.url.empty()) {
          report.error("scenario.fixtures", child_pointer(wp, "url"), "a webhook fixture needs a url");
          good = false;
        }
        if (good) out.webhooks.push_back(std::move(f));
      }
    } else {
      report.error("scenario.fixtures", p, "unknown fixture kind \"" + it.key() + "\"",
                   "profiles, lists, templates, webhooks");
    }
  }
  return out;
}

bool parse_invocation(const json& invocation, const std::string& path, EpochMs now, const Fixtures& fixtures,
                      const Limits& limits, ProgramCache& cache, Invocation& out, Report& report) {
  const std::size_t errors_before = report.errors().size();
  if (!invocation.is_object()) {
    report.error("scenario.invocation", path, "an invocation must be an object {at?, templateId?, request}");
    return false;
  }
  out.at = now;
  std::string template_name;
  bool has_template = false;
  for (auto k = invocation.begin(); k != invocation.end(); ++k) {
    const std::string kp = child_pointer(path, k.key());
    if (k.key() == "at") {
      EpochMs at = now;
      if (read_time(*k, kp, report, at)) {
        if (at < now) {
          report.error("scenario.time", kp, "an invocation cannot be before the scenario's now");
        } else {
          out.at = at;
        }
      }
    } else if (k.key() == "templateId") {
      if (!k->is_string() || k->get_ref<const std::string&>().empty()) {
        report.error("scenario.invocation", kp, "templateId must be a non-empty string");
        continue;
      }
      has_template = true;
      template_name = k->get<std::string>();
      if (fixtures.templates.find(template_name) == fixtures.templates.end()) {
        report.error("scenario.template", kp, "no automation template fixture \"" + template_name + "\"",
                     "add it under fixtures.templates");
      }
    } else if (k.key() != "request") {
      report.error("scenario.invocation", kp, "unknown invocation property \"" + k.key() + "\"",
                   "at, templateId, request");
    }
  }
  auto req = invocation.find("request");
  const std::string rp = child_pointer(path, "request");
  if (req == invocation.end() || !req->is_object()) {
    report.error("scenario.invocation", rp, "an invocation needs a request object");
    return false;
  }
  if (!has_template) {
    Report r = validate_request(*req, limits);
    report.merge(r, rp);
    if (report.errors().size() != errors_before) return false;
    out.spec = spec_from_request(*req, limits, cache);
    return true;
  }
  // Invoke by template: {recipient, brand, data, profile, template} over the template's defaults.
  for (auto k = req->begin(); k != req->end(); ++k) {
    const std::string kp = child_pointer(rp, k.key());
    if (k.key() == "recipient" || k.key() == "brand" || k.key() == "template") {
      if (!k->is_string() && !k->is_null()) report.error("schema.type", kp, k.key() + " must be a string or null");
    } else if (k.key() == "data" || k.key() == "profile") {
      if (!k->is_object() && !k->is_null()) report.error("schema.type", kp, k.key() + " must be an object or null");
    } else {
      report.warning("schema.unknown_property", kp,
                     "unknown property \"" + k.key() + "\" of an invoke-by-template body");
    }
  }
  if (report.errors().size() != errors_before) return false;
  out.spec = fixtures.templates.at(template_name).spec;
  const json data = object_or_null(*req, "data");
  if (data.is_object()) out.spec.data = shallow_merge(out.spec.data, data);
  const json profile = object_or_null(*req, "profile");
  if (profile.is_object()) out.spec.profile = shallow_merge(out.spec.profile, profile);
  for (const char* key : {"recipient", "brand", "template"}) {
    json v = string_or_null(*req, key);
    if (v.is_null()) continue;
    if (key[0] == 'r') {
      out.spec.recipient = v;
    } else if (key[0] == 'b') {
      out.spec.brand = v;
    } else {
      out.spec.template_id = v;
    }
  }
  return true;
}

void add_fixtures(Fixtures& to, Fixtures more) {
  for (auto it = more.profiles.begin(); it != more.profiles.end(); ++it) to.profiles[it.key()] = std::move(*it);
  for (auto& [id, list] : more.lists) to.lists.insert_or_assign(id, std::move(list));
  for (auto& [id, fixture] : more.templates) to.templates.insert_or_assign(id, std::move(fixture));
  more.webhooks.insert(more.webhooks.end(), std::make_move_iterator(to.webhooks.begin()),
                       std::make_move_iterator(to.webhooks.end()));
  to.webhooks = std::move(more.webhooks);
}

ScenarioParse parse_scenario(const json& doc, const Options& options, Fixtures extra) {
  ScenarioParse out;
  Scenario& s = out.scenario;
  Report& report = out.report;
  const Limits& limits = options.limits;
  ProgramCache cache;
  if (!doc.is_object()) {
    report.error("scenario.shape", "", "a scenario must be an object (or an ad hoc invoke body)");
    return out;
  }
  s.now = options.now.value_or(kDefaultNow);
  s.seed = options.seed.value_or(0);
  if (doc.find("invocations") == doc.end()) {
    // A bare ad hoc invoke body: one invocation at now; its paths stay the body's own.
    Report r = validate_request(doc, limits);
    report.merge(r);
    if (!report.valid()) return out;
    s.fixtures = std::move(extra);
    s.invocations.push_back(Invocation{s.now, spec_from_request(doc, limits, cache)});
    return out;
  }
  if (auto now = doc.find("now"); now != doc.end()) {
    EpochMs t = s.now;
    if (read_time(*now, "/now", report, t)) s.now = t;  // the scenario's own now wins over options.now
  }
  if (auto seed = doc.find("seed"); seed != doc.end()) {
    if (!seed->is_number_unsigned() && !(seed->is_number_integer() && seed->get<std::int64_t>() >= 0)) {
      report.error("scenario.seed", "/seed", "seed must be a non-negative integer");
    } else if (!options.seed) {
      s.seed = seed->get<std::uint64_t>();
    }
  }
  for (auto k = doc.begin(); k != doc.end(); ++k) {
    if (k.key() != "now" && k.key() != "seed" && k.key() != "fixtures" && k.key() != "invocations") {
      report.error("scenario.shape", child_pointer("", k.key()), "unknown scenario property \"" + k.key() + "\"",
                   "now, seed, fixtures, invocations");
    }
  }
  if (auto f = doc.find("fixtures"); f != doc.end())
    s.fixtures = parse_fixtures(*f, "/fixtures", limits, cache, report);
  add_fixtures(s.fixtures, std::move(extra));
  const json& invocations = doc["invocations"];
  if (!invocations.is_array()) {
    report.error("scenario.shape", "/invocations", "invocations must be an array");
    return out;
  }
  s.invocations.reserve(invocations.size());
  for (std::size_t i = 0; i < invocations.size(); ++i) {
    Invocation inv;
    if (parse_invocation(invocations[i], child_pointer("/invocations", i), s.now, s.fixtures, limits, cache, inv,
                         report)) {
      s.invocations.push_back(std::move(inv));
    }
  }
  return out;
}

}  // namespace caw::sim
