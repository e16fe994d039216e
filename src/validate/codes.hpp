#pragma once
#include <cstddef>
#include <string_view>

#include "report/problem.hpp"
#include "schema/level.hpp"

namespace caw::codes {

// The registry of every problem code the core can emit. docs/rules.md documents each one, and
// tests/cpp/rules_doc_test.cpp fails when the two drift apart (or a code is emitted that is
// not registered here).
struct CodeInfo {
  std::string_view code;
  Severity severity;
  Level level;  // the lowest level that emits it (Schema: both levels)
};

const CodeInfo* all();
std::size_t count();
const CodeInfo* find(std::string_view code);

}  // namespace caw::codes
