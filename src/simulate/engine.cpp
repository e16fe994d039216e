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
std::string Engine::make_run_id(EpochMs at) {
  static constexpr char kHex[] = "0123456789abcdef";
  const std::uint64_t seconds = static_cast<std::uint64_t>(at >= 0 ? at / 1000 : 0) & 0xFFFFFFFFull;
  const std::uint64_t a = random();
  const std::uint64_t b = random() & 0xFFFFFFFFull;
  std::string id(35, '-');
  id[0] = '1';
  for (int i = 0; i < 8; ++i) id[2 + i] = kHex[(seconds >> (28 - 4 * i)) & 0xF];
  for (int i = 0; i < 16; ++i) id[11 + i] = kHex[(a >> (60 - 4 * i)) & 0xF];
  for (int i = 0; i < 8; ++i) id[27 + i] = kHex[(b >> (28 - 4 * i)) & 0xF];
  return id;
}

void Engine::schedule(EpochMs at, std::uint32_t target, bool start) {
  queue_.push(Event{at, seq_++, target, start});
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
  return runs_[*r].id;
}

std::optional<std::uint32_t> Engine::create_run(RunSpec spec, std::int32_t parent, std::uint32_t depth) {
  if (runs_.size() >= options_.limits.max_sim_runs) {
    if (halt_error_.empty()) {
      halt_error_ = "limit.runs: more than " + std::to_string(options_.limits.max_sim_runs) +
                    " runs in one simulation (Limits::max_sim_runs)";
    }
    return std::nullopt;
  }
  runs_.emplace_back();
  const auto index = static_cast<std::uint32_t>(runs_.size() - 1);
  Run& run = runs_.back();
  run.invoked_at = now_;
  run.id = make_run_id(now_);
  run.parent = parent;
  run.depth = depth;
  run.template_name = std::move(spec.template_name);
  run.program = std::move(spec.program);
  run.data = std::move(spec.data);
  run.profile = std::move(spec.profile);
  run.recipient = std::move(spec.recipient);
  run.brand = std::move(spec.brand);
  run.template_id = std::move(spec.template_id);
  run.steps.reserve(run.program->steps.size());
  // The token is read from the initial context when it is an accessor.
  if (spec.cancelation_token.has_value()) {
    StepRecord scratch;
    if (auto token = resolve_token(run, spec.cancelation_token, scratch)) {
      if (!token->empty()) {
        run.has_token = true;
        run.token = std::move(*token);
        tokens_[run.token].push_back(index);
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

std::size_t Engine::cancel_token(const std::string& token) {
  auto it = tokens_.find(token);
  if (it == tokens_.end()) return 0;
  std::size_t n = 0;
  for (std::uint32_t r : it->second) {
    Run& run = runs_[r];
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
  s.data = &run.data;
  s.profile = &run.profile;
  s.refs = run.refs.is_null() ? nullptr : &run.refs;
  s.recipient = run.recipient.is_null() ? nullptr : &run.recipient;
  s.brand = run.brand.is_null() ? nullptr : &run.brand;
  s.template_id = run.template_id.is_null() ? nullptr : &run.template_id;
  if (run.data.is_null()) s.data = nullptr;
  if (run.profile.is_null()) s.profile = nullptr;
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
    switch (result.outcome) {
      case Outcome::Done: {
        record.status = Status::Processed;
        record.finished = now_;
        if (const std::string* ref = model::literal(step.ref)) {
          if (!run.refs.is_object()) run.refs = json::object();
          run.refs[*ref] = std::move(result.ref);
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
  record.status = Status::Processed;
  record.finished = now_;
  if (const std::string* name = model::literal(run.program->steps[run.pc].ref)) {
    if (!run.refs.is_object()) run.refs = json::object();
    run.refs[*name] = std::move(ref);
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
    if (e.start) {
      if (e.at > now_) now_ = e.at;
      auto r = create_run(std::move(scheduled_[e.target]), -1, 0);
      if (r) continue_run(*r);
      continue;
    }
    Run& run = runs_[e.target];
    if (run.finished()) continue;  // canceled while waiting: a stale wake-up
    if (e.at > now_) now_ = e.at;
    if (run.status == Status::Waiting && !run.steps.empty() && run.steps.back().status == Status::Waiting) {
      StepRecord& record = run.steps.back();
      record.status = Status::Processed;
      record.finished = now_;
      if (const std::string* name = model::literal(run.program->steps[run.pc].ref)) {
        if (!run.refs.is_object()) run.refs = json::object();
        run.refs[*name] = json{{"until", time::format_iso(now_)}};
      }
      ++run.pc;
    }
    continue_run(e.target);
  }
}

void Engine::advance_to(EpochMs until) {
  process(until, true);
  if (!pending_ && halt_error_.empty() && until > now_) now_ = until;
}

void Engine::run_until_idle() {
  process(0, false);
}

}  // namespace caw::sim
