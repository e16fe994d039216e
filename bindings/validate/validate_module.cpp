// The validate-only WebAssembly module (dist/caw_validate.wasm): plain C exports over bytes in
// linear memory, no Embind, no JS glue; js/validate/ is its hand-written loader.
//
// JS writes the payload into the input buffer (caw_input), calls caw_check, and reads the report
// as integer records plus one UTF-8 string arena (caw_records, caw_arena): no JSON text crosses
// the boundary. The layout of a record is fixed by kRecordWords and the field order below.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "limits.hpp"
#include "validate/codes.hpp"
#include "validate/facts.hpp"
#include "validate/scan.hpp"
#include "validate/validate.hpp"

namespace {

constexpr std::size_t kRecordWords = 10;

// Everything a call leaves behind, reused by the next: after warm-up, a clean payload
// allocates nothing.
struct Workspace {
  caw::Limits limits;
  std::vector<std::uint8_t> input;
  caw::facts::Facts facts;
  std::vector<std::uint32_t> records;
  std::string arena;
  std::string codes;
};

Workspace g_workspace;  // the module's one instance; bindings/ is the only place with state

std::uint32_t code_index(std::string_view code) {
  const caw::codes::CodeInfo* info = caw::codes::find(code);
  return info ? static_cast<std::uint32_t>(info - caw::codes::all()) : 0xFFFFFFFFu;
}

std::uint32_t append(std::string& arena, std::string_view s) {
  const auto at = static_cast<std::uint32_t>(arena.size());
  arena.append(s.data(), s.size());
  return at;
}

// The report as records (errors first, then warnings, each in canonical order); returns the count.
std::uint32_t write_records(caw::Report& report, bool located) {
  Workspace& w = g_workspace;
  w.records.clear();
  w.arena.clear();
  for (const auto* list : {&report.errors(), &report.warnings()}) {
    for (const caw::Problem& p : *list) {
      const std::uint32_t path = append(w.arena, p.path);
      const std::uint32_t message = append(w.arena, p.message);
      const std::uint32_t hint = append(w.arena, p.hint);
      const bool where = located && p.line && p.column;
      const std::uint32_t record[kRecordWords] = {code_index(p.code),
                                                  p.severity == caw::Severity::Error ? 0u : 1u,
                                                  path,
                                                  static_cast<std::uint32_t>(p.path.size()),
                                                  message,
                                                  static_cast<std::uint32_t>(p.message.size()),
                                                  hint,
                                                  static_cast<std::uint32_t>(p.hint.size()),
                                                  where ? *p.line : 0u,
                                                  where ? *p.column : 0u};
      w.records.insert(w.records.end(), record, record + kRecordWords);
    }
  }
  return static_cast<std::uint32_t>(w.records.size() / kRecordWords);
}

caw::Level level_of(std::uint32_t flags) {
  return (flags & 1u) ? caw::Level::Courier : caw::Level::Schema;
}

}  // namespace

extern "C" {

// A buffer of at least `size` bytes for the next payload, or 0 when `size` is over the payload
// limit or memory cannot grow. It never grows past the limit, so an oversized input costs nothing.
__attribute__((export_name("caw_input"))) std::uint8_t* caw_input(std::uint32_t size) {
  Workspace& w = g_workspace;
  if (size > w.limits.max_payload_bytes) return nullptr;
  if (size > w.input.size()) {
    std::size_t grown = w.input.size() * 2;
    if (grown < size) grown = size;
    if (grown < 4096) grown = 4096;
    if (grown > w.limits.max_payload_bytes) grown = w.limits.max_payload_bytes;
    w.input.reserve(grown);
    w.input.resize(grown);
  }
  return w.input.data();
}

// Validates the first `size` bytes of the input buffer. flags bit 0: courier level (else schema);
// bit 1: located (line/column; 0 when the payload was a JS object the caller serialized).
// Returns the number of problems; 0 means valid and clean.
__attribute__((export_name("caw_check"))) std::uint32_t caw_check(std::uint32_t size, std::uint32_t flags) {
  Workspace& w = g_workspace;
  const std::string_view text(reinterpret_cast<const char*>(w.input.data()), size <= w.input.size() ? size : 0);
  caw::Report report;
  caw::validate_text(text, level_of(flags), w.limits, w.facts, report);
  if (report.valid() && report.warnings().empty()) return 0;
  return write_records(report, (flags & 2u) != 0);
}

// The report for a payload of `size` bytes over the limit, without any of its bytes. The size is
// a double so that sizes past 4 GiB are reported as they are, not wrapped to 32 bits.
__attribute__((export_name("caw_oversize"))) std::uint32_t caw_oversize(double size, std::uint32_t flags) {
  Workspace& w = g_workspace;
  caw::Report report;
  caw::payload_too_large(size > 0 && size < 9007199254740992.0 ? static_cast<std::uint64_t>(size) : 0, w.limits,
                         report);
  (void)flags;  // the problem is the same at both levels
  return write_records(report, false);
}

__attribute__((export_name("caw_records"))) const std::uint32_t* caw_records() {
  return g_workspace.records.data();
}

__attribute__((export_name("caw_arena"))) const char* caw_arena() {
  return g_workspace.arena.data();
}

// Every problem code, one per line: line i is code index i.
__attribute__((export_name("caw_codes"))) const char* caw_codes() {
  Workspace& w = g_workspace;
  if (w.codes.empty()) {
    for (std::size_t i = 0; i < caw::codes::count(); ++i) {
      if (i) w.codes += '\n';
      w.codes += caw::codes::all()[i].code;
    }
  }
  return w.codes.data();
}

__attribute__((export_name("caw_codes_size"))) std::uint32_t caw_codes_size() {
  caw_codes();
  return static_cast<std::uint32_t>(g_workspace.codes.size());
}

__attribute__((export_name("caw_payload_limit"))) std::uint32_t caw_payload_limit() {
  return static_cast<std::uint32_t>(g_workspace.limits.max_payload_bytes);
}

}  // extern "C"
