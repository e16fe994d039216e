#pragma once
#include <array>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <nlohmann/json.hpp>

#include "expr/expr.hpp"
#include "limits.hpp"
#include "model/request.hpp"
#include "report/problem.hpp"
#include "simulate/event_queue.hpp"
#include "time/civil.hpp"

namespace caw::sim {

using json = nlohmann::json;
using time::EpochMs;

// Run statuses, and the step statuses (which add SKIPPED and NOT PROCESSED).
enum class Status : std::uint8_t { Processing, Waiting, Processed, Canceled, Error, Skipped, NotProcessed };
std::string_view status_name(Status s);

// 2024-01-01T00:00:00.000Z: "now" when neither the scenario nor the options give one.
constexpr EpochMs kDefaultNow = 1'704'067'200'000;

struct Options {
  std::optional<EpochMs> now;         // overrides the scenario's "now"
  std::optional<std::uint64_t> seed;  // overrides the scenario's "seed" (default 0)
  bool full_detail = true;            // false: no step input/output, no message data/profile
  bool external_fetch = false;        // a fetch-data step with no fixture waits for resolve_fetch()
  Limits limits;
};

// An automation's steps, parsed once and shared by every run that uses the same steps.
struct Program {
  std::vector<model::Step> steps;
  std::vector<expr::ParseResult> conditions;  // one per step; empty expression when no `if`
};

// What starts a run: the steps and the initial context.
struct RunSpec {
  std::shared_ptr<const Program> program;
  model::Field<model::StringValue> cancelation_token;
  json data;  // null when absent
  json profile;
  json recipient;  // string or null
  json brand;
  json template_id;
  std::string template_name;  // the template fixture this run is of ("" for ad hoc)
};

struct TemplateFixture {
  RunSpec spec;
};

struct WebhookFixture {
  std::string method;  // upper case
  std::string url;
  json response;     // the body when it succeeds
  int status = 200;  // >= 400: the call fails and the engine sees {}
};

struct Fixtures {
  json profiles = json::object();
  std::unordered_map<std::string, std::vector<std::string>> lists;
  std::map<std::string, TemplateFixture> templates;
  std::vector<WebhookFixture> webhooks;
};

// Fixed notes are bits, so a million runs do not carry a million copies of the same sentence.
enum Note : std::uint16_t {
  kNoteDelayVariance = 1u << 0,
  kNoteUntilPast = 1u << 1,
  kNoteUntilNoOffset = 1u << 2,
  kNoteDurationFloored = 1u << 3,
};

// What only the full detail (or an unusual step) needs, kept off the hot record.
struct StepDetail {
  json input;
  json output;
  std::string notes;  // further notes, '\n'-separated
};

// 32 bytes per reached step (wasm32 and 64-bit): a million waiting runs stay small in summary detail.
struct StepRecord {
  EpochMs started = 0;
  EpochMs finished = 0;
  std::unique_ptr<StepDetail> detail;  // null until input, output or a specific note is set
  std::uint32_t index = 0;
  std::uint16_t notes = 0;  // Note bits
  Status status = Status::Processing;

  StepDetail& more() {
    if (!detail) detail = std::make_unique<StepDetail>();
    return *detail;
  }
  json& input() { return more().input; }
  json& output() { return more().output; }
  void note(std::string_view text) {
    std::string& n = more().notes;
    if (!n.empty()) n += '\n';
    n += text;
  }
};

// Courier's run id ("1-<8 hex>-<24 hex>", 35 characters) stored in the run: a heap string per
// run cost more than the id itself. Reads as a std::string_view.
struct RunId {
  std::array<char, 35> chars{};
  operator std::string_view() const { return {chars.data(), chars.size()}; }  // NOLINT: reads as text
  [[nodiscard]] std::string str() const { return {chars.data(), chars.size()}; }
};

constexpr std::uint32_t kNoSlot = ~0u;

// What few runs have, kept off the run: a million plain runs do not carry three null values each.
struct RunExtras {
  json profile;
  json brand;
  json refs;  // object once a step with a `ref` ran
};

// 160 bytes in wasm32 (fields ordered by alignment), plus its step records and context.
struct Run {
  json data;
  json recipient;
  json template_id;
  EpochMs invoked_at = 0;
  std::shared_ptr<const Program> program;
  std::string_view token;          // interned by the engine: one copy per distinct token
  std::string_view template_name;  // interned likewise ("" for ad hoc)
  std::unique_ptr<RunExtras> extras;
  std::vector<StepRecord> steps;
  std::int32_t parent = -1;            // index into runs
  std::uint32_t depth = 0;             // invoke nesting
  std::uint32_t pc = 0;                // the next step to run
  std::uint32_t token_id = kNoSlot;    // the engine's number for `token`
  std::uint32_t token_slot = kNoSlot;  // where the run sits in its token's live list (kNoSlot: not there)
  RunId id;
  Status status = Status::Processing;
  bool has_token = false;
  bool cancel_requested = false;

  [[nodiscard]] bool finished() const {
    return status == Status::Processed || status == Status::Canceled || status == Status::Error;
  }
  // Null when the run has none.
  [[nodiscard]] const json& profile() const { return extras ? extras->profile : null_json(); }
  [[nodiscard]] const json& brand() const { return extras ? extras->brand : null_json(); }
  [[nodiscard]] const json& refs() const { return extras ? extras->refs : null_json(); }
  RunExtras& more() {
    if (!extras) extras = std::make_unique<RunExtras>();
    return *extras;
  }

 private:
  static const json& null_json() {
    static const json kNull;  // immutable: not state
    return kNull;
  }
};

struct Message {
  std::uint32_t run = 0;
  std::uint32_t step = 0;
  EpochMs at = 0;
  std::string recipient;
  std::string template_id;
  json brand;  // string or null
  std::string list;
  json data;     // null in summary detail
  json profile;  // null when none / summary detail
};

// What a step handler tells the engine.
enum class Outcome : std::uint8_t { Done, Wait, Error, Pending };
struct StepResult {
  Outcome outcome = Outcome::Done;
  EpochMs wake = 0;  // Wait: when the run goes on
  json ref;          // Done: the value of refs.<ref> when the step has a ref
};

struct PendingFetch {
  std::uint32_t run = 0;
  json request;  // {method, url, headers, body, params}
  std::string merge_strategy;
  std::uint64_t id = 0;
};

// The dry-run engine: a virtual clock and an event queue ordered by (time, scheduling order),
// so events due at the same instant run first-in first-out and every trace is deterministic.
class Engine {
 public:
  Engine(Options options, Fixtures fixtures, EpochMs now, std::uint64_t seed);

  // Starts a run now (at <= now) or schedules its start. Returns the run id when started.
  // The spec must have been validated.
  std::string invoke(RunSpec spec, EpochMs at);

  // Processes every event due at or before `until`, then sets the clock to `until`.
  void advance_to(EpochMs until);
  // Processes every event; the clock ends at the last one.
  void run_until_idle();

  [[nodiscard]] bool idle() const { return queue_.empty() && !pending_; }
  [[nodiscard]] const std::optional<PendingFetch>& pending_fetch() const { return pending_; }
  // Answers the pending fetch-data step (ok=false: the call failed, the engine sees {}),
  // then goes on with that run. Returns false when nothing was pending.
  bool resolve_fetch(const json& response, bool ok);

  [[nodiscard]] EpochMs now() const { return now_; }
  [[nodiscard]] const std::string& halt_error() const { return halt_error_; }
  [[nodiscard]] std::uint64_t steps_executed() const { return steps_executed_; }
  [[nodiscard]] std::size_t waiting_runs() const;

  // The trace as JSON text (docs/dry-run.md), written directly (no DOM) so huge runs stay cheap.
  void write_trace(std::string& out, const Report* warnings = nullptr) const;

  // ---- for the step handlers (src/simulate/steps) ----
  const Options& options() const { return options_; }
  const Fixtures& fixtures() const { return fixtures_; }
  json& profiles() { return profiles_; }
  std::deque<Run>& runs() { return runs_; }  // a deque: references stay valid as runs start
  // A deque, like runs(): a million messages are appended without moving the ones already sent
  // (a vector's regrowth was half the engine's time at 100k runs).
  std::deque<Message>& messages() { return messages_; }
  bool full() const { return options_.full_detail; }
  expr::Scope scope(const Run& run) const;
  // A string field's value: the literal, or the accessor resolved over the run's context.
  std::optional<std::string> resolve(const Run& run, const model::Field<model::StringValue>& field, StepRecord& record,
                                     std::string_view name) const;
  // A cancelation token: the literal with its `${...}` interpolated, or the accessor resolved,
  // over the run's context (Courier documents both for dynamic tokens).
  std::optional<std::string> resolve_token(const Run& run, const model::Field<model::StringValue>& field,
                                           StepRecord& record) const;
  // Marks every unfinished run holding `token` for cancelation; returns how many. Visits only the
  // runs still live on the token (each run leaves its token's list when it finishes or is marked).
  std::size_t cancel_token(const std::string& token);
  // Run entries cancel_token has visited so far: the tests' measure of its cost.
  [[nodiscard]] std::uint64_t cancel_visits() const { return cancel_visits_; }
  // The engine's memory estimate in bytes (wasm32 sizes on every platform; Limits::max_sim_memory_bytes).
  [[nodiscard]] std::uint64_t memory_estimate() const;
  // Adds `bytes` of state and `trace` bytes of trace text to the estimate; past the limit the
  // simulation halts with limit.memory. Returns false then.
  bool charge(std::uint64_t bytes, std::uint64_t trace = 0);
  // What a JSON value costs beyond its own 16-byte slot (wasm32 sizes of nlohmann's DOM).
  static std::uint64_t json_bytes(const json& j);
  // Appends a message, charging its memory.
  void add_message(Message m);
  // Starts a child run now (invoke step). Returns its index, or an error message.
  std::optional<std::uint32_t> start_child(RunSpec spec, std::uint32_t parent, std::string& error);
  void set_pending(PendingFetch p) { pending_ = std::move(p); }
  std::uint64_t next_fetch_id() { return ++fetch_ids_; }

 private:
  void process(EpochMs until, bool bounded);
  void take(const Event& e);
  std::optional<std::uint32_t> create_run(RunSpec spec, std::int32_t parent, std::uint32_t depth);
  void continue_run(std::uint32_t r);
  void finish_remaining(Run& run, Status status);
  void leave_token(Run& run);
  void charge_detail(const StepRecord& record);
  std::string_view intern_name(const std::string& name);
  void schedule(EpochMs at, std::uint32_t target, bool start);
  RunId make_run_id(EpochMs at);
  std::uint64_t random();

  Options options_;
  Fixtures fixtures_;
  json profiles_;
  EpochMs now_;
  std::uint64_t rng_;
  std::uint64_t events_ = 0;
  std::uint64_t steps_executed_ = 0;
  std::uint64_t fetch_ids_ = 0;
  EventQueue queue_;
  std::vector<RunSpec> scheduled_;  // invocations waiting for their start event
  std::deque<Run> runs_;
  std::unordered_map<std::string, std::uint32_t> token_ids_;  // node keys: stable for Run::token
  std::vector<std::vector<std::uint32_t>> live_;              // per token id: runs it may still cancel
  std::unordered_set<std::string> names_;                     // template names not among the fixtures
  std::uint64_t cancel_visits_ = 0;
  std::uint64_t memory_ = 0;  // runs, records, messages, JSON, trace (the queue is added when read)
  std::uint64_t trace_ = 0;   // of which the trace text
  std::deque<Message> messages_;
  std::optional<PendingFetch> pending_;
  std::string halt_error_;
};

}  // namespace caw::sim
