// The validator (one pass, one judge) and the DOM oracle (tests/oracle) must give the same report
// on every input: all fixtures plus thousands of seeded mutations of them. At the schema level the
// whole report; at the courier level the parser's and the limits' problems, and the schema level's
// errors must keep the courier level invalid except where section 6 relaxes them. Why no more at
// the courier level: tests/oracle/validate_dom.hpp (its rules are written once, in src/validate,
// and tested by validate_rules_test.cpp).
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "validate_dom.hpp"
#include "validate_test_util.hpp"

namespace {

using caw::Level;

const char* const kPool[] = {
    R"("")",
    R"("PT5M")",
    R"("5 minutes")",
    R"("30 seconds")",
    R"("2024-02-30T00:00:00Z")",
    R"("20240408T080910.123")",
    R"("2024-04-08T08:09:10Z")",
    R"("none")",
    R"("GET")",
    R"("get")",
    R"("https://x.org")",
    R"("/rel")",
    "null",
    "5",
    "1e999",
    "-0",
    "true",
    "{}",
    "[]",
    R"({"$ref": "data.x"})",
    R"("send")",
    R"("delay")",
    R"("cancel")",
    R"("fetch-data")",
    R"("\u00e9")",
    R"("\ud800")",
    R"("a\/b")",
    R"("run-token")",
    R"("delay-send--user-yes--abc-123")",
    R"("1.5 weeks")",
    R"("2024-04-08")",
    R"("overwrite")",
    "12345678901234567890123",
    R"([{"action": "send"}])",
};

const char* const kMembers[] = {
    R"("cancellation_token": "x", )",
    R"("ref": "r", )",
    R"("if": "x", )",
    R"("$ref": "a", )",
    R"("delayFor": "5 minutes", )",
    R"("message": {}, )",
    R"("action": "send", )",
    R"("template": "X", )",
    R"("recipient": "u", )",
    R"("until": "2024-04-08T08:09:10", )",
    R"("duration": "1 hour", )",
    R"("tempalte": 1, )",
    R"("data": {"a": {"b": [1]}}, )",
};

const char kBytes[] = "{}[],:\"\\ a0\n\xC3\xFF\x01e.-";

std::vector<std::size_t> string_starts(const std::string& s) {
  std::vector<std::size_t> out;
  bool in = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && in) {
      ++i;
      continue;
    }
    if (s[i] == '"') {
      if (!in) out.push_back(i);
      in = !in;
    }
  }
  return out;
}

std::string mutate(std::string s, std::mt19937& rng) {
  auto pick = [&](std::size_t n) { return static_cast<std::size_t>(rng() % (n ? n : 1)); };
  const int rounds = 1 + static_cast<int>(rng() % 3);
  for (int r = 0; r < rounds && !s.empty(); ++r) {
    switch (rng() % 7) {
      case 0:
      case 1: {  // replace a string value (or key) with something from the pool
        const auto starts = string_starts(s);
        if (starts.empty()) break;
        const std::size_t a = starts[pick(starts.size())];
        std::size_t b = a + 1;
        while (b < s.size() && s[b] != '"') b += s[b] == '\\' ? 2 : 1;
        if (b >= s.size()) break;
        s.replace(a, b - a + 1, kPool[pick(std::size(kPool))]);
        break;
      }
      case 2: {  // insert a member after a '{'
        std::vector<std::size_t> opens;
        for (std::size_t i = 0; i < s.size(); ++i) {
          if (s[i] == '{') opens.push_back(i);
        }
        if (opens.empty()) break;
        s.insert(opens[pick(opens.size())] + 1, kMembers[pick(std::size(kMembers))]);
        break;
      }
      case 3: s.erase(pick(s.size()), 1); break;
      case 4: s.insert(pick(s.size() + 1), 1, kBytes[pick(sizeof(kBytes) - 1)]); break;
      case 5: s[pick(s.size())] = kBytes[pick(sizeof(kBytes) - 1)]; break;
      case 6:
        if (rng() % 4 == 0) s.resize(pick(s.size()));
        break;
    }
  }
  return s;
}

std::vector<std::string> seeds() {
  std::vector<std::string> out;
  for (const char* folder : {"valid", "invalid"}) {
    for (const auto& f : caw::test::fixtures(folder)) out.push_back(caw::test::read_file(f));
  }
  return out;
}

struct Tally {
  int total = 0;
  int valid = 0;
  int syntax = 0;
};

// Both levels of one input.
void compare(const std::string& text, Tally& tally, const caw::Limits& limits = {}) {
  const caw::Report dom_schema = caw::oracle::validate_text_dom(text, Level::Schema, limits);
  for (Level level : {Level::Schema, Level::Courier}) {
    const caw::Report fast = caw::validate_text(text, level, limits);
    const caw::Report dom = level == Level::Schema ? dom_schema : caw::oracle::validate_text_dom(text, level, limits);
    ASSERT_EQ(caw::test::comparable(fast, level), caw::test::comparable(dom, level))
        << "level " << caw::level_name(level) << " input:\n"
        << text;
    if (level == Level::Courier) {
      ASSERT_TRUE(caw::oracle::courier_keeps_schema_errors(dom_schema, fast))
          << "valid at the courier level despite schema errors:\n"
          << caw::test::dump(dom_schema) << "\ninput:\n"
          << text;
    }
    caw::test::expect_registered(fast);
    ++tally.total;
    tally.valid += fast.valid() ? 1 : 0;
    tally.syntax += caw::test::find_problem(fast, "json.syntax") ? 1 : 0;
  }
}

TEST(ValidatorDifferential, AllFixturesAtBothLevels) {
  Tally tally;
  for (const std::string& text : seeds()) compare(text, tally);
  EXPECT_GT(tally.valid, 0);
}

TEST(ValidatorDifferential, SeededMutations) {
  std::mt19937 rng(20261127);
  const auto base = seeds();
  Tally tally;
  for (int i = 0; i < 6000; ++i) {
    const std::string text = mutate(base[static_cast<std::size_t>(rng() % base.size())], rng);
    compare(text, tally);
    if (HasFatalFailure()) return;
  }
  // The mutations must reach past the parser often enough to exercise the rules.
  EXPECT_GT(tally.total - tally.syntax, tally.total / 4) << tally.syntax << " syntax errors of " << tally.total;
  std::printf("%d of %d mutated inputs valid, %d malformed\n", tally.valid, tally.total, tally.syntax);
}

TEST(Fixtures, ValidHaveNoErrorsAtTheCourierLevel) {
  for (const auto& f : caw::test::fixtures("valid")) {
    const caw::Report r = caw::validate_text(caw::test::read_file(f));
    EXPECT_TRUE(r.valid()) << f << "\n" << caw::test::dump(r);
  }
}

TEST(Fixtures, InvalidCarryTheCodeTheirNameSays) {
  for (const auto& f : caw::test::fixtures("invalid")) {
    const std::string code = f.stem().string();
    const caw::Report r = caw::validate_text(caw::test::read_file(f));
    EXPECT_NE(caw::test::find_problem(r, code), nullptr) << f << "\n" << caw::test::dump(r);
  }
}

TEST(Limits, StepsDepthAndStringsGiveTheOraclesReport) {
  caw::Limits tight;
  tight.max_steps = 2;
  tight.max_depth = 4;
  tight.max_string_bytes = 8;
  Tally tally;
  for (const std::string& text : seeds()) {
    compare(text, tally, tight);
    if (HasFatalFailure()) return;
  }
}

}  // namespace
