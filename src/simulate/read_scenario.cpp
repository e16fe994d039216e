// The scenario read straight from its text: one scan of the whole text for well-formedness (no
// DOM), then a walk over the byte ranges of its members. Each ad hoc request is judged by the
// validator's one-pass scanner on its own bytes, and its run spec is built from what that scan
// recorded; only `data`/`profile` (which the runs carry) and the fixtures are parsed into values.
#include <cstring>
#include <set>
#include <string>
#include <unordered_map>

#include "json/parse_text.hpp"
#include "json/pointer.hpp"
#include "simulate/scenario.hpp"
#include "simulate/validate_request.hpp"
#include "time/timestamp.hpp"
#include "validate/facts.hpp"
#include "validate/scan.hpp"
#include "validate/validate.hpp"

namespace caw::sim {

bool is_accessor_object(const json& v);

namespace {

using facts::kNone;

constexpr bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// The bytes a skip over a container stops at: quotes and brackets.
struct StructuralTable {
  bool v[256] = {};
  constexpr StructuralTable() {
    v[static_cast<unsigned char>('"')] = v[static_cast<unsigned char>('{')] = v[static_cast<unsigned char>('}')] = true;
    v[static_cast<unsigned char>('[')] = v[static_cast<unsigned char>(']')] = true;
  }
  constexpr bool operator[](unsigned char c) const { return v[c]; }
};
constexpr StructuralTable kStructural{};

// A cursor over text the scanner has already found well formed: no error handling needed.
class Walk {
 public:
  explicit Walk(std::string_view text) : t_(text) {}

  std::size_t pos() const { return p_; }
  void seek(std::size_t p) { p_ = p; }
  void space() {
    while (p_ < t_.size() && is_space(t_[p_])) ++p_;
  }
  char peek() {
    space();
    return p_ < t_.size() ? t_[p_] : '\0';
  }
  bool take(char c) {
    if (peek() != c) return false;
    ++p_;
    return true;
  }
  // The raw bytes of a string token (quotes excluded), moving past it.
  std::string_view raw_string() {
    const std::size_t begin = ++p_;
    skip_string_body();
    return t_.substr(begin, p_++ - begin);
  }
  // Moves past one value; returns its bytes.
  std::string_view value() {
    space();
    const std::size_t begin = p_;
    const char c = t_[p_];
    if (c == '"') {
      raw_string();
    } else if (c == '{' || c == '[') {
      std::size_t depth = 0;
      const char* s = t_.data();
      const std::size_t n = t_.size();
      do {
        // Only quotes and brackets matter here.
        while (p_ < n && !kStructural[static_cast<unsigned char>(s[p_])]) ++p_;
        const char d = s[p_];
        if (d == '"') {
          ++p_;
          skip_string_body();
          ++p_;
          continue;
        }
        if (d == '{' || d == '[') ++depth;
        if (d == '}' || d == ']') --depth;
        ++p_;
      } while (depth != 0);
    } else {
      while (p_ < t_.size() && t_[p_] != ',' && t_[p_] != '}' && t_[p_] != ']' && !is_space(t_[p_])) ++p_;
    }
    return t_.substr(begin, p_ - begin);
  }

 private:
  // From just after an opening quote to its closing quote: memchr to each '"', then an odd run
  // of backslashes before it means it is escaped.
  void skip_string_body() {
    const char* s = t_.data();
    for (;;) {
      const void* q = std::memchr(s + p_, '"', t_.size() - p_);
      std::size_t at = static_cast<const char*>(q) - s;
      std::size_t slashes = 0;
      while (at - slashes > p_ && s[at - slashes - 1] == '\\') ++slashes;
      p_ = at;
      if (slashes % 2 == 0) return;
      ++p_;
    }
  }

  std::string_view t_;
  std::size_t p_ = 0;
};

// A member name as JSON.parse reads it (escapes decoded; rare in scenario keys).
std::string key_text(std::string_view raw) {
  if (raw.find('\\') == std::string_view::npos) return std::string(raw);
  ParsedText k = parse_text("\"" + std::string(raw) + "\"");
  return k.ok && k.value.is_string() ? k.value.get<std::string>() : std::string(raw);
}

// Calls fn(key, value bytes, value offset) for each member of the object at the cursor.
template <class Fn>
void members(Walk& w, Fn&& fn) {
  w.take('{');
  if (w.take('}')) return;
  do {
    w.peek();
    const std::string key = key_text(w.raw_string());
    w.take(':');
    w.space();
    const std::size_t at = w.pos();
    const std::string_view v = w.value();
    fn(key, v, at);
  } while (w.take(','));
  w.take('}');
}

// A small value (now, seed, at, templateId, fixtures) as a DOM; the slice is well formed.
json small_value(std::string_view bytes, const Limits& limits) {
  ParsedText v = parse_text(bytes, limits);
  return v.ok ? std::move(v.value) : json();
}

struct ProgramEntry {
  std::shared_ptr<const Program> program;
  std::vector<std::pair<std::size_t, std::string>> if_warnings;  // step index, message
};

// Programs keyed by the bytes of their steps: identical requests compile once, nothing is
// re-serialized to make the key.
class ProgramsByBytes {
 public:
  const ProgramEntry& get(std::string_view steps, const Limits& limits) {
    auto it = map_.find(steps);
    if (it != map_.end()) return it->second;
    ProgramEntry e;
    const json doc = steps.empty() ? json::array() : small_value(steps, limits);
    e.program = compile_program(doc, limits);  // keyed by its bytes above: no JSON key to dump
    if (doc.is_array()) {
      for (std::size_t i = 0; i < doc.size(); ++i) {
        std::string message = unsupported_if(doc[i]);
        if (!message.empty()) e.if_warnings.emplace_back(i, std::move(message));
      }
    }
    return map_.emplace(steps, std::move(e)).first->second;
  }

 private:
  std::unordered_map<std::string_view, ProgramEntry> map_;  // keys point into the scenario text
};

json node_string(const facts::Facts& f, std::uint32_t id) {
  if (id == kNone || f.at(id).type != facts::Type::String) return json();
  return json(std::string(f.at(id).text));
}

// The run spec of an ad hoc request the scan of `bytes` (in `f`) found valid.
RunSpec spec_from_facts(const facts::Facts& f, std::string_view bytes, const Limits& limits, ProgramsByBytes& programs,
                        const ProgramEntry** entry) {
  RunSpec spec;
  Walk w(bytes);
  auto slice = [&](std::uint32_t id) {
    w.seek(f.at(id).begin);
    return w.value();
  };
  std::string_view steps;
  const std::uint32_t automation = f.member(0, "automation");
  if (automation != kNone && f.at(automation).type == facts::Type::Object) {
    const std::uint32_t s = f.member(automation, "steps");
    if (s != kNone) steps = slice(s);
    const std::uint32_t t = f.member(automation, "cancelation_token");
    if (t != kNone && f.at(t).type == facts::Type::String) {
      spec.cancelation_token = model::StringValue(std::string(f.at(t).text));
    } else if (t != kNone && f.at(t).accessor) {
      const json v = small_value(slice(t), limits);
      if (is_accessor_object(v))
        spec.cancelation_token = model::StringValue(model::Accessor{v["$ref"].get<std::string>()});
    }
  }
  const ProgramEntry& e = programs.get(steps, limits);
  *entry = &e;
  spec.program = e.program;
  for (const char* key : {"data", "profile"}) {
    const std::uint32_t id = f.member(0, key);
    if (id == kNone || f.at(id).type != facts::Type::Object) continue;
    (key[0] == 'd' ? spec.data : spec.profile) = small_value(slice(id), limits);
  }
  spec.recipient = node_string(f, f.member(0, "recipient"));
  spec.brand = node_string(f, f.member(0, "brand"));
  spec.template_id = node_string(f, f.member(0, "template"));
  return spec;
}

// Problems of a scan of a slice moved to the whole text: offsets shifted, positions recomputed later.
void shift(Report& r, std::size_t by) {
  for (auto* list : {&r.errors(), &r.warnings()}) {
    for (Problem& p : *list) {
      p.line.reset();
      p.column.reset();
      if (p.offset) *p.offset += static_cast<std::uint32_t>(by);
    }
  }
}

class Reader {
 public:
  Reader(std::string_view text, const Options& options, ScenarioParse& out)
      : text_(text), limits_(options.limits), options_(options), out_(out) {}

  // An ad hoc request at `offset`: judged on its bytes, its spec built from the same scan.
  bool ad_hoc(std::string_view bytes, std::size_t offset, const std::string& path, RunSpec& spec) {
    Report r;
    validate_text(bytes, Level::Courier, limits_, work_, r);
    const bool valid = r.valid();
    const ProgramEntry* entry = nullptr;
    if (valid) spec = spec_from_facts(work_, bytes, limits_, programs_, &entry);
    if (entry != nullptr && !entry->if_warnings.empty()) {
      for (const auto& [i, message] : entry->if_warnings)
        r.warning("step.if.unsupported", child_pointer("/automation/steps", i) + "/if", message, kIfHint);
      canonical_order(r);
    }
    if (!r.errors().empty() || !r.warnings().empty()) {
      shift(r, offset);
      out_.report.merge(r, path);
    }
    return valid;
  }

  // The invocation object at the cursor `w` (at `offset`), which ends past it.
  void invocation(Walk& w, std::size_t offset, const std::string& path) {
    Scenario& s = out_.scenario;
    // Invoke-by-template invocations take the DOM path (their body is small and merged with the fixture).
    std::string_view request, at;
    std::size_t request_at = 0;
    bool by_template = false;
    std::vector<std::string> unknown;
    members(w, [&](const std::string& key, std::string_view v, std::size_t where) {
      if (key == "templateId") {
        by_template = true;
      } else if (key == "request") {
        request = v;
        request_at = where;
      } else if (key == "at") {
        at = v;
      } else {
        unknown.push_back(key);
      }
    });
    const std::string_view bytes = text_.substr(offset, w.pos() - offset);
    if (by_template || request.empty() || request[0] != '{') {
      Invocation inv;
      if (parse_invocation(small_value(bytes, scenario_limits_()), path, s.now, s.fixtures, limits_, by_json_, inv,
                           out_.report))
        s.invocations.push_back(std::move(inv));
      return;
    }
    Invocation inv;
    inv.at = s.now;
    bool good = unknown.empty();
    for (const std::string& key : unknown) {
      out_.report.error("scenario.invocation", child_pointer(path, key), "unknown invocation property \"" + key + "\"",
                        "at, templateId, request");
    }
    if (!at.empty()) {
      const std::string kp = child_pointer(path, "at");
      EpochMs when = s.now;
      if (!read_time(small_value(at, limits_), kp, out_.report, when)) {
        good = false;
      } else if (when < s.now) {
        out_.report.error("scenario.time", kp, "an invocation cannot be before the scenario's now");
        good = false;
      } else {
        inv.at = when;
      }
    }
    if (ad_hoc(request, request_at, child_pointer(path, "request"), inv.spec) && good)
      s.invocations.push_back(std::move(inv));
  }

  void run(Fixtures extra) {
    Scenario& s = out_.scenario;
    Report& report = out_.report;
    s.now = options_.now.value_or(kDefaultNow);
    s.seed = options_.seed.value_or(0);
    Walk w(text_);
    w.seek(bom_free_begin());
    if (w.peek() != '{') {
      report.error("scenario.shape", "", "a scenario must be an object (or an ad hoc invoke body)");
      return;
    }
    std::string_view now, seed, fixtures, invocations;
    std::size_t invocations_at = 0;
    bool bare = true;
    members(w, [&](const std::string& key, std::string_view v, std::size_t at) {
      if (key == "invocations") {
        bare = false;
        invocations = v;
        invocations_at = at;
      } else if (key == "now") {
        now = v;
      } else if (key == "seed") {
        seed = v;
      } else if (key == "fixtures") {
        fixtures = v;
      } else {
        unknown_.push_back(key);
      }
    });
    if (bare) {
      // A bare ad hoc invoke body: one invocation at now; its paths stay the body's own.
      Invocation inv{s.now, {}};
      const std::size_t begin = bom_free_begin();
      if (ad_hoc(text_.substr(begin), begin, "", inv.spec)) {
        s.fixtures = std::move(extra);
        s.invocations.push_back(std::move(inv));
      }
      return;
    }
    if (!now.empty()) {
      EpochMs t = s.now;
      if (read_time(small_value(now, limits_), "/now", report, t)) s.now = t;  // the scenario's own now wins
    }
    if (!seed.empty()) {
      const json v = small_value(seed, limits_);
      if (!v.is_number_unsigned() && !(v.is_number_integer() && v.get<std::int64_t>() >= 0)) {
        report.error("scenario.seed", "/seed", "seed must be a non-negative integer");
      } else if (!options_.seed) {
        s.seed = v.get<std::uint64_t>();
      }
    }
    for (const std::string& key : unknown_) {
      report.error("scenario.shape", child_pointer("", key), "unknown scenario property \"" + key + "\"",
                   "now, seed, fixtures, invocations");
    }
    if (!fixtures.empty())
      s.fixtures = parse_fixtures(small_value(fixtures, scenario_limits_()), "/fixtures", limits_, by_json_, report);
    add_fixtures(s.fixtures, std::move(extra));
    if (invocations.empty() || invocations[0] != '[') {
      report.error("scenario.shape", "/invocations", "invocations must be an array");
      return;
    }
    Walk list(text_);
    list.seek(invocations_at);
    list.take('[');
    if (list.take(']')) return;
    // A rough count from the size of the first element sizes the list once.
    std::size_t index = 0;
    do {
      const std::string path = child_pointer("/invocations", index);
      if (list.peek() == '{') {
        const std::size_t at = list.pos();
        invocation(list, at, path);
        if (index == 0) s.invocations.reserve(invocations.size() / (list.pos() - at + 1) * 3 / 2 + 1);
      } else {
        list.value();
        report.error("scenario.invocation", path, "an invocation must be an object {at?, templateId?, request}");
      }
      ++index;
    } while (list.take(','));
  }

 private:
  static constexpr const char* kIfHint =
      "use literals, member access (data.x, refs.name.status), comparisons, &&, ||, ! and parentheses";

  Limits scenario_limits_() const {
    Limits l = limits_;
    l.max_payload_bytes = limits_.max_scenario_bytes;
    return l;
  }
  std::size_t bom_free_begin() const { return text_.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0; }

  std::string_view text_;
  const Limits& limits_;
  const Options& options_;
  ScenarioParse& out_;
  facts::Facts work_;
  ProgramsByBytes programs_;
  ProgramCache by_json_;
  std::vector<std::string> unknown_;
};

}  // namespace

ScenarioParse read_scenario(std::string_view text, const Options& options, Fixtures extra) {
  ScenarioParse out;
  {
    // Well-formedness of the whole text (UTF-8, grammar, depth, duplicate keys) in one pass.
    facts::Facts whole;
    Limits l = options.limits;
    l.max_payload_bytes = options.limits.max_scenario_bytes;
    scan(text, l, whole, out.report);
    if (!whole.complete) {
      canonical_order(out.report);
      locate_offsets(out.report, text);
      return out;
    }
  }
  // Duplicate keys inside requests are found again by each request's own scan: keep one.
  Report whole_scan = std::move(out.report);
  out.report = Report();
  Reader(text, options, out).run(std::move(extra));
  std::set<std::pair<std::string, std::uint32_t>> seen;
  for (const Problem& q : out.report.warnings()) seen.emplace(q.code, q.offset.value_or(0));
  for (const Problem& p : whole_scan.warnings()) {
    if (seen.count({p.code, p.offset.value_or(0)}) == 0) out.report.add(p);
  }
  canonical_order(out.report);
  locate_offsets(out.report, text);
  out.report.locate_in(text);
  return out;
}

}  // namespace caw::sim
