#include <vector>

#include "json/pointer.hpp"
#include "util/text.hpp"
#include "validate/rules/rules.hpp"

namespace caw::rules {

namespace {

using facts::kNone;
using facts::Type;

std::size_t name_hash(std::string_view name) {
  std::size_t h = 2166136261u;
  for (const char c : name) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
  return h;
}

RunFacts run_facts(const Judge& j, std::uint32_t automation) {
  RunFacts facts;
  const std::uint32_t token = j.string_member(automation, "cancelation_token");
  if (token != kNone) facts.token = j.node(token).text;
  return facts;
}

// Courier's invoke handler refuses a truthy top-level `override` before anything else (section
// 1.12 step 1); a falsy one (null, "", false, 0) passes and is ignored.
void check_override(Judge& j) {
  const std::uint32_t id = j.member(0, "override");
  if (id == kNone) return;
  const facts::Node& v = j.node(id);
  if (!v.truthy()) return;
  j.error("request.override", Path::text("/override"), v.begin,
          "Courier refuses a request-level \"override\" (400 \"Invalid request property. 'override' is only "
          "applicable to send and send-list steps.\")",
          "move it into the send or send-list steps that need it");
}

}  // namespace

void check_run(Judge& j) {
  if (j.node(0).type != Type::Object) return;
  check_override(j);
  const std::uint32_t automation = j.member(0, "automation");
  if (automation == kNone || j.node(automation).type != Type::Object) return;
  const std::uint32_t steps = j.member(automation, "steps");
  if (steps == kNone || j.node(steps).type != Type::Array) return;
  if (j.node(steps).count == 0) {
    j.error("automation.steps.empty", Path::text("/automation/steps"), j.node(steps).begin,
            "Courier refuses an automation without steps (400 \"Invalid automation definition. An array of valid "
            "steps is required.\"); the OpenAPI allows an empty array",
            R"(add at least one step, e.g. {"action": "send", "template": "..."})");
    return;
  }
  const RunFacts run = run_facts(j, automation);
  const Path steps_path = Path::text("/automation/steps");
  // Refs in step order; a repeat is found by sorting (node ids keep the order of the steps).
  struct Ref {
    std::string_view name;
    std::size_t step;
    std::uint32_t begin;
  };
  std::vector<Ref> refs;
  std::size_t i = 0;
  for (std::uint32_t s = j.node(steps).first; s != kNone; s = j.node(s).next, ++i) {
    if (j.node(s).type != Type::Object) continue;
    const Path at(steps_path, i);
    const std::uint32_t ref = j.string_member(s, "ref");
    if (ref != kNone) {
      if (j.node(ref).text.empty()) {
        j.error("step.ref.empty", Path(at, "ref"), j.node(ref).begin, "\"ref\" is empty",
                "name the step, e.g. \"welcome\"");
      } else {
        refs.push_back(Ref{j.node(ref).text, i, j.node(ref).begin});
      }
    }
    const std::uint32_t action = j.string_member(s, "action");
    if (action == kNone) continue;
    const std::string_view kind = j.node(action).text;
    const StepAt step{s, at};
    // The other kinds (send-list, update-profile, invoke, subscribe) are all table: validate/shape.cpp.
    if (same_name(kind, "delay")) {
      check_delay(j, step);
    } else if (same_name(kind, "send")) {
      check_send(j, step);
    } else if (same_name(kind, "cancel")) {
      check_cancel(j, step, run);
    } else if (same_name(kind, "fetch-data")) {
      check_fetch_data(j, step);
    }
  }
  // Every use of a name after its first is a duplicate: one pass with an open-addressing table
  // of the names seen (refs are on most steps of a big automation; a sort cost more than the rest
  // of the run rules together).
  std::size_t capacity = 16;
  while (capacity < refs.size() * 2) capacity *= 2;
  std::vector<std::uint32_t> seen(capacity, kNone);
  for (std::uint32_t k = 0; k < refs.size(); ++k) {
    const Ref& ref = refs[k];
    std::size_t slot = name_hash(ref.name) & (capacity - 1);
    while (seen[slot] != kNone && refs[seen[slot]].name != ref.name) slot = (slot + 1) & (capacity - 1);
    if (seen[slot] == kNone) {
      seen[slot] = k;
      continue;
    }
    j.error("step.ref.duplicate", Path(Path(steps_path, ref.step), "ref"), ref.begin,
            cat({"Duplicate step ref \"", ref.name, "\"; refs must be unique"}), "rename one of the steps");
  }
}

}  // namespace caw::rules
