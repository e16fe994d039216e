// The trace (docs/dry-run.md), written straight into a string: no DOM of a million runs.
#include <deque>
#include <unordered_map>

#include "json/dump.hpp"
#include "json/write_string.hpp"
#include "simulate/dry_run.hpp"
#include "simulate/engine.hpp"
#include "time/civil.hpp"

namespace caw::sim {

namespace {

// Traces repeat a few instants many times: format each once (bounded cache).
class TimeText {
 public:
  void append(std::string& out, EpochMs t) {
    auto it = cache_.find(t);
    if (it == cache_.end()) {
      std::string text = '"' + time::format_iso(t) + '"';
      if (cache_.size() >= 4096) {
        out += text;
        return;
      }
      it = cache_.emplace(t, std::move(text)).first;
    }
    out += it->second;
  }

 private:
  std::unordered_map<EpochMs, std::string> cache_;
};

constexpr const char* kFixedNotes[] = {
    "Courier's real delays complete with a 5-15 minute variance; the dry run lands exactly on time",
    "until is in the past: the delay fires at once",
    "until has no UTC offset: read as UTC (a strict RFC 3339 check may reject it)",
    "duration has decimals: floored, as date-fns add does",
};

void append_notes(std::string& out, const StepRecord& r) {
  const std::string_view extra = r.detail ? std::string_view(r.detail->notes) : std::string_view();
  if (r.notes == 0 && extra.empty()) return;
  out += ",\"notes\":[";
  bool first = true;
  for (std::size_t i = 0; i < sizeof kFixedNotes / sizeof *kFixedNotes; ++i) {
    if ((r.notes & (1u << i)) == 0) continue;
    if (!first) out += ',';
    first = false;
    append_json_string(out, kFixedNotes[i]);
  }
  std::size_t start = 0;
  while (start <= extra.size() && !extra.empty()) {
    std::size_t end = extra.find('\n', start);
    if (end == std::string_view::npos) end = extra.size();
    if (!first) out += ',';
    first = false;
    append_json_string(out, extra.substr(start, end - start));
    start = end + 1;
  }
  out += ']';
}

// A run's fields before its steps (the full trace adds "steps"; the summary closes it).
void append_run_head(std::string& out, const std::deque<Run>& runs, const Run& run, TimeText& times) {
  out += "{\"runId\":\"";
  out += run.id;
  out += "\",\"invokedAt\":";
  times.append(out, run.invoked_at);
  out += ",\"status\":\"";
  out += status_name(run.status);
  out += '"';
  if (run.has_token) {
    out += ",\"cancelationToken\":";
    append_json_string(out, run.token);
  }
  if (run.parent >= 0) {
    out += ",\"parentRunId\":\"";
    out += runs[static_cast<std::size_t>(run.parent)].id;
    out += '"';
  }
  if (!run.template_name.empty()) {
    out += ",\"templateId\":";
    append_json_string(out, run.template_name);
  }
}

// One message; `full` adds its data and profile (the summary leaves them out).
void append_message(std::string& out, const std::deque<Run>& runs, const Message& m, TimeText& times, bool full) {
  out += "{\"runId\":\"";
  out += runs[m.run].id;
  out += "\",\"stepIndex\":";
  out += std::to_string(m.step);
  out += ",\"at\":";
  times.append(out, m.at);
  out += ",\"recipient\":";
  append_json_string(out, m.recipient);
  out += ",\"template\":";
  append_json_string(out, m.template_id);
  if (m.brand.is_string()) {
    out += ",\"brand\":";
    append_json_string(out, m.brand.get_ref<const std::string&>());
  }
  if (full) {
    out += ",\"data\":";
    if (m.data.is_null()) {
      out += "{}";
    } else {
      append_json(out, m.data);
    }
    if (!m.profile.is_null()) {
      out += ",\"profile\":";
      append_json(out, m.profile);
    }
  }
  if (!m.list.empty()) {
    out += ",\"list\":";
    append_json_string(out, m.list);
  }
  out += '}';
}

void append_warnings(std::string& out, const Report* warnings) {
  if (warnings == nullptr || warnings->warnings().empty()) return;
  out += ",\"warnings\":";
  Report only;
  for (const Problem& p : warnings->warnings()) only.add(p);
  append_json(out, only.to_json()["warnings"]);
}

}  // namespace

void Engine::write_trace(std::string& out, const Report* warnings) const {
  const bool full = options_.full_detail;
  TimeText times;
  // Sized once for the whole text (a step is ~110 bytes in summary, more with input/output).
  std::size_t step_count = 0;
  for (const Run& run : runs_) step_count += run.program->steps.size();
  out.reserve(out.size() + 256 + runs_.size() * 128 + step_count * (full ? 160 : 110) +
              messages_.size() * (full ? 192 : 128));
  out += "{\"runs\":[";
  for (std::size_t i = 0; i < runs_.size(); ++i) {
    const Run& run = runs_[i];
    if (i) out += ',';
    append_run_head(out, runs_, run, times);
    out += ",\"steps\":[";
    const auto& steps = run.program->steps;
    for (std::size_t s = 0; s < steps.size(); ++s) {
      const StepRecord* r = nullptr;
      // Records are appended in step order, one per step reached.
      if (s < run.steps.size() && run.steps[s].index == s) r = &run.steps[s];
      if (s) out += ',';
      out += "{\"index\":";
      out += std::to_string(s);
      out += ",\"action\":";
      append_json_string(out, steps[s].action);
      if (const std::string* ref = model::literal(steps[s].ref)) {
        out += ",\"ref\":";
        append_json_string(out, *ref);
      }
      out += ",\"status\":\"";
      out += status_name(r ? r->status : Status::NotProcessed);
      out += "\",\"startedAt\":";
      if (r) {
        times.append(out, r->started);
      } else {
        out += "null";
      }
      out += ",\"finishedAt\":";
      if (r && r->status != Status::Waiting && r->status != Status::Processing) {
        times.append(out, r->finished);
      } else {
        out += "null";
      }
      if (full) {
        out += ",\"input\":";
        if (r && r->detail) {
          append_json(out, r->detail->input);
        } else {
          out += "null";
        }
        out += ",\"output\":";
        if (r && r->detail) {
          append_json(out, r->detail->output);
        } else {
          out += "null";
        }
      }
      if (r) append_notes(out, *r);
      out += '}';
    }
    out += "]}";
  }
  out += "],\"messages\":[";
  for (std::size_t i = 0; i < messages_.size(); ++i) {
    if (i) out += ',';
    append_message(out, runs_, messages_[i], times, full);
  }
  out += "],\"profiles\":";
  append_json(out, profiles_);
  out += ",\"endedAt\":";
  times.append(out, now_);
  if (pending_) {
    out += ",\"pendingFetch\":";
    append_json(out, pending_->request);
  }
  if (!halt_error_.empty()) {
    out += ",\"error\":";
    append_json_string(out, halt_error_);
  }
  append_warnings(out, warnings);
  out += '}';
}

void write_summary(Engine& engine, std::string& out, const Report* warnings, SummaryLayout* layout) {
  SummaryLayout here;
  const std::deque<Run>& runs = engine.runs();
  const auto& messages = engine.messages();
  constexpr std::size_t kStatuses = static_cast<std::size_t>(Status::NotProcessed) + 1;
  std::size_t by_status[kStatuses] = {};
  for (const Run& run : runs) ++by_status[static_cast<std::size_t>(run.status)];
  // About 110 bytes a run and 140 a message: one allocation for the whole text.
  out.reserve(out.size() + 256 + runs.size() * 128 + messages.size() * 160);
  TimeText times;
  out += "{\"detail\":\"summary\",\"counts\":{\"runs\":";
  out += std::to_string(runs.size());
  out += ",\"steps\":";
  out += std::to_string(engine.steps_executed());
  out += ",\"messages\":";
  out += std::to_string(messages.size());
  out += ",\"statuses\":{";
  bool first = true;
  for (std::size_t i = 0; i < kStatuses; ++i) {
    if (by_status[i] == 0) continue;
    if (!first) out += ',';
    first = false;
    out += '"';
    out += status_name(static_cast<Status>(i));
    out += "\":";
    out += std::to_string(by_status[i]);
  }
  out += "}},\"runs\":";
  here.runs_begin = out.size();
  out += '[';
  for (std::size_t i = 0; i < runs.size(); ++i) {
    if (i) out += ',';
    append_run_head(out, runs, runs[i], times);
    out += '}';
  }
  out += ']';
  here.runs_end = out.size();
  out += ",\"messages\":";
  here.messages_begin = out.size();
  out += '[';
  for (std::size_t i = 0; i < messages.size(); ++i) {
    if (i) out += ',';
    append_message(out, runs, messages[i], times, false);
  }
  out += ']';
  here.messages_end = out.size();
  out += ",\"profiles\":";
  append_json(out, engine.profiles());
  out += ",\"endedAt\":";
  times.append(out, engine.now());
  if (!engine.halt_error().empty()) {
    out += ",\"error\":";
    append_json_string(out, engine.halt_error());
  }
  append_warnings(out, warnings);
  out += '}';
  if (layout != nullptr) *layout = here;
}

}  // namespace caw::sim
