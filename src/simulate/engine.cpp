#include "simulate/engine.hpp"

#include "json/dump.hpp"
#include "simulate/interpolate.hpp"
#include "simulate/steps/steps.hpp"

namespace caw::sim {

namespace {

// Runs a step by its body's type (std::visit), so no handler depends on the variant's order.
struct RunStep {
  steps::StepContext& c;
  StepResult operator()(const model::DelayStep& s) const { return steps::delay(c, s); }
  StepResult operator()(const model::SendStep& s) const { return steps::send(c, s); }
  StepResult operator()(const model::SendListStep& s) const { return steps::send_list(c, s); }
  StepResult operator()(const model::UpdateProfileStep& s) const { return steps::update_profile(c, s); }
  StepResult operator()(const model::CancelStep& s) const { return steps::cancel(c, s); }
  StepResult operator()(const model::FetchDataStep& s) const { return steps::fetch_data(c, s); }
  StepResult operator()(const model::InvokeStep& s) const { return steps::invoke(c, s); }
  StepResult operator()(const model::UnknownStep& /*s*/) const {
    c.record.note("unknown action \"" + c.step.action + "\"");
    StepResult result;
    result.outcome = Outcome::Error;
    return result;
  }
};

// The estimate behind limit.memory: the engine's state and the trace it will write. wasm32 sizes
// (what the 2 GiB bound is about), used on every platform so that native and wasm
// stop at the same run: sizeof(Run) 160, a message 104, a step record 32, dlmalloc's 8-byte chunk
// overhead on each allocation; runs and messages are rounded up so that the estimate meets the
// heap measured in wasm (about 550 bytes a run at the end of bench/simulate's 100k-run scenario).
constexpr std::uint64_t kRunBytes = 208;
constexpr std::uint64_t kEventBytes = 16;    // 8 in a bucket's vector that doubles
constexpr std::uint64_t kInstantBytes = 64;  // a bucket's map node
constexpr std::uint64_t kMessageBytes = 128;
constexpr std::uint64_t kRecordBytes = 32;
constexpr std::uint64_t kDetailBytes = 48;  // StepDetail: two JSON values and a string
// The trace text each part will take (JSON text is about a quarter of its DOM; counted as half):
// a run's head, each step of its program in full detail (unreached ones too), a message.
constexpr std::uint64_t kTraceRunBytes = 160;
constexpr std::uint64_t kTraceStepBytes = 140;
constexpr std::uint64_t kTraceMessageBytes = 160;
constexpr std::uint64_t kChunk = 8;

// A std::string's heap block beyond libc++'s 10-byte short-string buffer (wasm32).
std::uint64_t string_bytes(std::size_t size) {
  return size > 10 ? ((size + 1 + kChunk + 7) & ~std::uint64_t{7}) : 0;
}

}  // namespace

std::string_view status_name(Status s) {
  switch (s) {
    case Status::Processing: return "PROCESSING";
    case Status::Waiting: return "WAITING";
    case Status::Processed: return "PROCESSED";
    case Status::Canceled: return "CANCELED";
    case Status::Error: return "ERROR";
    case Status::Skipped: return "SKIPPED";
    case Status::NotProcessed: return "NOT PROCESSED";
  }
  return "ERROR";
}

Engine::Engine(Options options, Fixtures fixtures, EpochMs now, std::uint64_t seed)
    : options_(std::move(options)),
      fixtures_(std::move(fixtures)),
      profiles_(fixtures_.profiles.is_object() ? fixtures_.profiles : json::object()),
      now_(now),
      rng_(seed) {}

// splitmix64: tiny, fast, and the same bits on every platform.
std::uint64_t Engine::random() {
  std::uint64_t z = (rng_ += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

// Courier's shape: 1-<8 hex>-<24 hex>. The 8 hex digits are the invocation time in epoch
// seconds (as in Courier's examples: 65f240a0 is March 2024); the 24 come from the seeded PRNG.
RunId Engine::make_run_id(EpochMs at) {
  static constexpr char kHex[] = "0123456789abcdef";
  const std::uint64_t seconds = static_cast<std::uint64_t>(at >= 0 ? at / 1000 : 0) & 0xFFFFFFFFull;
  const std::uint64_t a = random();
  const std::uint64_t b = random() & 0xFFFFFFFFull;
  RunId run_id;
  auto& id = run_id.chars;
  id.fill('-');
  id[0] = '1';
  for (int i = 0; i < 8; ++i) id[2 + i] = kHex[(seconds >> (28 - 4 * i)) & 0xF];
  for (int i = 0; i < 16; ++i) id[11 + i] = kHex[(a >> (60 - 4 * i)) & 0xF];
  for (int i = 0; i < 8; ++i) id[27 + i] = kHex[(b >> (28 - 4 * i)) & 0xF];
  return run_id;
}

void Engine::schedule(EpochMs at, std::uint32_t target, bool start) {
  queue_.push(Event{at, target, start});
}

std::string Engine::invoke(RunSpec spec, EpochMs at) {
  if (at > now_) {
    scheduled_.push_back(std::move(spec));
    schedule(at, static_cast<std::uint32_t>(scheduled_.size() - 1), true);
    return {};
  }
  auto r = create_run(std::move(spec), -1, 0);
  if (!r) return {};
  schedule(now_, *r, false);
  return runs_[*r].id.str();
}

std::string_view Engine::intern_name(const std::string& name) {
  if (name.empty()) return {};
  auto fixture = fixtures_.templates.find(name);
  if (fixture != fixtures_.templates.end()) return fixture->first;
  return *names_.insert(name).first;
}

std::uint64_t Engine::json_bytes(const json& j) {
  switch (j.type()) {
    case json::value_t::string: return 12 + kChunk + string_bytes(j.get_ref<const std::string&>().size());
    case json::value_t::object: {
      std::uint64_t n = 12 + kChunk;  // the std::map
      for (const auto& [key, value] : j.items()) n += 48 + string_bytes(key.size()) + json_bytes(value);
      return n;
    }
    case json::value_t::array: {
      std::uint64_t n = 12 + 2 * kChunk;  // the std::vector and its block
      for (const json& v : j) n += 16 + json_bytes(v);
      return n;
    }
    case json::value_t::binary: return 12 + kChunk + j.get_binary().size();
    default: return 0;
  }
}

std::uint64_t Engine::memory_estimate() const {
  return memory_ + queue_.size() * kEventBytes + queue_.instants() * kInstantBytes;
}

bool Engine::charge(std::uint64_t bytes, std::uint64_t trace) {
  memory_ += bytes + trace;
  trace_ += trace;
  const std::uint64_t limit = options_.limits.max_sim_memory_bytes;
  // The trace also becomes one JavaScript string, which V8 caps at 2^29 - 24 characters: it gets
  // 7/16 of the budget (448 MiB of the default 1 GiB), the rest is the engine's.
  if (memory_estimate() <= limit && trace_ <= limit / 16 * 7) return true;
  if (halt_error_.empty()) {
    halt_error_ = "limit.memory: the simulation would need more than " + std::to_string(limit) +
                  " bytes (Limits::max_sim_memory_bytes; estimated for its runs, steps, events, messages and trace)";
  }
  return false;
}

void Engine::charge_detail(const StepRecord& record) {
  const StepDetail& d = *record.detail;
  const std::uint64_t dom = json_bytes(d.input) + json_bytes(d.output);
  charge(kDetailBytes + dom + string_bytes(d.notes.size()), dom / 2 + d.notes.size());
}

void Engine::add_message(Message m) {
  const std::uint64_t dom = json_bytes(m.data) + json_bytes(m.profile);
  charge(kMessageBytes + string_bytes(m.recipient.size()) + string_bytes(m.template_id.size()) +
             string_bytes(m.list.size()) + json_bytes(m.brand) + dom,
         kTraceMessageBytes + dom / 2);
  messages_.push_back(std::move(m));
}

std::optional<std::uint32_t> Engine::create_run(RunSpec spec, std::int32_t parent, std::uint32_t depth) {
  if (runs_.size() >= options_.limits.max_sim_runs) {
    if (halt_error_.empty()) {
      halt_error_ = "limit.runs: more than " + std::to_string(options_.limits.max_sim_runs) +
                    " runs in one simulation (Limits::max_sim_runs)";
    }
    return std::nullopt;
  }
  // Refused before it exists: the run, its step records and its context as they will be held.
  const std::uint64_t steps = spec.program->steps.size();
  const std::uint64_t cost = kRunBytes + steps * kRecordBytes + kChunk + json_bytes(spec.data) +
                             json_bytes(spec.profile) + json_bytes(spec.recipient) + json_bytes(spec.brand) +
                             json_bytes(spec.template_id);
  const std::uint64_t text = kTraceRunBytes + (full() ? steps * kTraceStepBytes : 0);
  if (!halt_error_.empty() || !charge(cost, text)) return std::nullopt;
  runs_.emplace_back();
  const auto index = static_cast<std::uint32_t>(runs_.size() - 1);
  Run& run = runs_.back();
  run.invoked_at = now_;
  run.id = make_run_id(now_);
  run.parent = parent;
  run.depth = depth;
  run.template_name = intern_name(spec.template_name);
  run.program = std::move(spec.program);
  run.data = std::move(spec.data);
  run.recipient = std::move(spec.recipient);
  run.template_id = std::move(spec.template_id);
  if (!spec.profile.is_null() || !spec.brand.is_null()) {
    run.more().profile = std::move(spec.profile);
    run.more().brand = std::move(spec.brand);
  }
  run.steps.reserve(run.program->steps.size());
  // The token is read from the initial context when it is an accessor.
  if (spec.cancelation_token.has_value()) {
    StepRecord scratch;
    if (auto token = resolve_token(run, spec.cancelation_token, scratch)) {
      if (!token->empty()) {
        auto [it, added] = token_ids_.emplace(std::move(*token), static_cast<std::uint32_t>(live_.size()));
        if (added) {
          live_.emplace_back();
          charge(64 + string_bytes(it->first.size()));  // the map node, the live list
        }
        std::vector<std::uint32_t>& live = live_[it->second];
        run.has_token = true;
        run.token = it->first;
        run.token_id = it->second;
        run.token_slot = static_cast<std::uint32_t>(live.size());
        live.push_back(index);
        charge(sizeof(std::uint32_t) * 2);  // the list doubles
      }
    }
  }
  return index;
}

std::optional<std::uint32_t> Engine::start_child(RunSpec spec, std::uint32_t parent, std::string& error) {
  const std::uint32_t depth = runs_[parent].depth + 1;
  if (depth > options_.limits.max_invoke_depth) {
    error = "invoke depth " + std::to_string(depth) + " is over the limit of " +
            std::to_string(options_.limits.max_invoke_depth);
    return std::nullopt;
  }
  auto r = create_run(std::move(spec), static_cast<std::int32_t>(parent), depth);
  if (!r) {
    error = halt_error_;
    return std::nullopt;
  }
  schedule(now_, *r, false);
  return r;
}

void Engine::leave_token(Run& run) {
  if (run.token_slot == kNoSlot) return;
  std::vector<std::uint32_t>& live = live_[run.token_id];
  // Swap-remove: the last run takes this one's slot.
  const std::uint32_t moved = live.back();
  live[run.token_slot] = moved;
  runs_[moved].token_slot = run.token_slot;
  live.pop_back();
  run.token_slot = kNoSlot;
}

std::size_t Engine::cancel_token(const std::string& token) {
  auto it = token_ids_.find(token);
  if (it == token_ids_.end()) return 0;
  // Every run on the list is unfinished and unmarked; all of them are marked now, so the list
  // empties and a later cancel of the same token costs nothing.
  std::vector<std::uint32_t> live = std::move(live_[it->second]);
  live_[it->second] = {};
  std::size_t n = 0;
  for (std::uint32_t r : live) {
    Run& run = runs_[r];
    ++cancel_visits_;
    run.token_slot = kNoSlot;
    if (run.finished() || run.cancel_requested) continue;
    run.cancel_requested = true;
    ++n;
    if (run.status == Status::Waiting) {
      // A waiting run is canceled now: its delay never completes, its stale wake-up is dropped.
      if (!run.steps.empty() && run.steps.back().status == Status::Waiting) {
        run.steps.back().status = Status::Canceled;
        run.steps.back().finished = now_;
      }
      run.status = Status::Canceled;
    }
  }
  return n;
}

std::size_t Engine::waiting_runs() const {
  std::size_t n = 0;
  for (const Run& r : runs_) n += r.status == Status::Waiting ? 1 : 0;
  return n;
}

expr::Scope Engine::scope(const Run& run) const {
  expr::Scope s;
  s.data = run.data.is_null() ? nullptr : &run.data;
  s.profile = run.profile().is_null() ? nullptr : &run.profile();
  s.refs = run.refs().is_null() ? nullptr : &run.refs();
  s.recipient = run.recipient.is_null() ? nullptr : &run.recipient;
  s.brand = run.brand().is_null() ? nullptr : &run.brand();
  s.template_id = run.template_id.is_null() ? nullptr : &run.template_id;
  return s;
}

std::optional<std::string> Engine::resolve(const Run& run, const model::Field<model::StringValue>& field,
                                           StepRecord& record, std::string_view name) const {
  const model::StringValue* v = field.get();
  if (v == nullptr) return std::nullopt;
  if (const auto* s = std::get_if<std::string>(v)) return *s;
  const std::string& path = std::get<model::Accessor>(*v).path;
  expr::ParseResult parsed = expr::parse_path(path, options_.limits);
  if (!parsed.ok) {
    record.note(std::string(name) + ": accessor \"" + path + "\" is not a valid path (" + parsed.error.message +
                " at offset " + std::to_string(parsed.error.offset) + ")");
    return std::nullopt;
  }
  const expr::Scope s = scope(run);
  expr::EvalResult r = expr::evaluate(parsed.expression, s);
  switch (r.value.type) {
    case expr::Value::Type::String: return r.value.string;
    case expr::Value::Type::Undefined:
    case expr::Value::Type::Null:
      record.note(std::string(name) + ": accessor \"" + path + "\" resolved to nothing");
      return std::nullopt;
    default: {
      std::string text = dump_json(r.value.to_json());
      record.note(std::string(name) + ": accessor \"" + path + "\" resolved to a non-string, used as " + text);
      return text;
    }
  }
}

std::optional<std::string> Engine::resolve_token(const Run& run, const model::Field<model::StringValue>& field,
                                                 StepRecord& record) const {
  std::optional<std::string> token = resolve(run, field, record, "cancelation_token");
  if (!token || token->find("${") == std::string::npos) return token;
  std::string problem;
  std::string out = interpolate(*token, scope(run), options_.limits, problem);
  if (!problem.empty()) record.note("cancelation_token: " + problem);
  return out;
}

void Engine::finish_remaining(Run& run, Status status) {
  run.status = status;
  leave_token(run);
  // Steps never reached are written as NOT PROCESSED by the trace; nothing to store.
}

void Engine::continue_run(std::uint32_t r) {
  Run& run = runs_[r];
  const Program& program = *run.program;
  while (run.pc < program.steps.size()) {
    if (run.cancel_requested) {
      finish_remaining(run, Status::Canceled);
      return;
    }
    run.status = Status::Processing;
    const model::Step& step = program.steps[run.pc];
    run.steps.emplace_back();
    StepRecord& record = run.steps.back();
    record.index = run.pc;
    record.started = now_;
    ++steps_executed_;

    // `if`: false skips the step; an expression outside the subset is noted and taken as true.
    if (const model::StringValue* cond = step.if_.get()) {
      bool go = true;
      const expr::ParseResult& parsed = program.conditions[run.pc];
      if (std::holds_alternative<model::Accessor>(*cond)) {
        record.note("if: an accessor object is not an expression; treated as true");
      } else if (!parsed.ok) {
        record.note("if: \"" + std::get<std::string>(*cond) + "\" is outside the supported subset (" +
                    parsed.error.message + " at offset " + std::to_string(parsed.error.offset) + "); treated as true");
      } else {
        const expr::Scope s = scope(run);
        expr::EvalResult e = expr::evaluate(parsed.expression, s);
        go = expr::truthy(e.value);
        if (e.undefined_reads > 0) {
          record.note(
              "if: read a property of undefined or null (JavaScript would throw a TypeError); read as undefined");
        }
        if (full()) record.input() = json{{"if", std::get<std::string>(*cond)}, {"value", e.value.to_json()}};
      }
      if (!go) {
        record.status = Status::Skipped;
        record.finished = now_;
        ++run.pc;
        continue;
      }
    }

    steps::StepContext c{*this, r, run, step, record};
    StepResult result = std::visit(RunStep{c}, step.body);
    if (record.detail) charge_detail(record);
    switch (result.outcome) {
      case Outcome::Done: {
        record.status = Status::Processed;
        record.finished = now_;
        if (const std::string* ref = model::literal(step.ref)) {
          json& refs = run.more().refs;
          if (!refs.is_object()) refs = json::object();
          charge(48 + json_bytes(result.ref));
          refs[*ref] = std::move(result.ref);
        }
        ++run.pc;
        break;
      }
      case Outcome::Wait:
        record.status = Status::Waiting;
        run.status = Status::Waiting;
        schedule(result.wake, r, false);
        return;
      case Outcome::Error:
        record.status = Status::Error;
        record.finished = now_;
        finish_remaining(run, Status::Error);
        return;
      case Outcome::Pending: return;  // waits for resolve_fetch()
    }
  }
  finish_remaining(run, run.cancel_requested ? Status::Canceled : Status::Processed);
}

bool Engine::resolve_fetch(const json& response, bool ok) {
  if (!pending_) return false;
  PendingFetch p = std::move(*pending_);
  pending_.reset();
  Run& run = runs_[p.run];
  StepRecord& record = run.steps.back();
  json ref;
  if (!ok) record.note("the caller's fetch failed: the engine sees {}");
  steps::finish_fetch(*this, run, record, p.request, p.merge_strategy, response, ok, ref);
  if (record.detail) charge_detail(record);
  record.status = Status::Processed;
  record.finished = now_;
  if (const std::string* name = model::literal(run.program->steps[run.pc].ref)) {
    json& refs = run.more().refs;
    if (!refs.is_object()) refs = json::object();
    charge(48 + json_bytes(ref));
    refs[*name] = std::move(ref);
  }
  ++run.pc;
  continue_run(p.run);
  return true;
}

void Engine::process(EpochMs until, bool bounded) {
  while (!queue_.empty() && !pending_ && halt_error_.empty()) {
    const Event e = queue_.top();
    if (bounded && e.at > until) break;
    queue_.pop();
    if (++events_ > options_.limits.max_sim_events) {
      halt_error_ = "limit.events: more than " + std::to_string(options_.limits.max_sim_events) +
                    " events in one simulation (Limits::max_sim_events)";
      break;
    }
    take(e);
  }
}

// Kept out of process()'s loop on purpose: V8 runs a wasm function's first call in its baseline
// tier and swaps in optimized code only for later calls, so a loop that inlined all of this would
// run a whole first advance() of a million runs unoptimized (about 3x slower).
[[gnu::noinline]] void Engine::take(const Event& e) {
  if (e.start) {
    if (e.at > now_) now_ = e.at;
    auto r = create_run(std::move(scheduled_[e.target]), -1, 0);
    if (r) continue_run(*r);
    return;
  }
  Run& run = runs_[e.target];
  if (run.finished()) return;  // canceled while waiting: a stale wake-up
  if (e.at > now_) now_ = e.at;
  if (run.status == Status::Waiting && !run.steps.empty() && run.steps.back().status == Status::Waiting) {
    StepRecord& record = run.steps.back();
    record.status = Status::Processed;
    record.finished = now_;
    if (const std::string* name = model::literal(run.program->steps[run.pc].ref)) {
      json& refs = run.more().refs;
      if (!refs.is_object()) refs = json::object();
      charge(48 + 100);  // {"until": "<24 characters>"}
      refs[*name] = json{{"until", time::format_iso(now_)}};
    }
    ++run.pc;
  }
  continue_run(e.target);
}

void Engine::advance_to(EpochMs until) {
  process(until, true);
  if (!pending_ && halt_error_.empty() && until > now_) now_ = until;
}

void Engine::run_until_idle() {
  process(0, false);
}

}  // namespace caw::sim
