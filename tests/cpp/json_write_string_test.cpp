#include <gtest/gtest.h>

#include <random>
#include <string>

#include <nlohmann/json.hpp>

#include "json/parse_text.hpp"
#include "json/write_string.hpp"
#include "report/problem.hpp"

namespace caw {
namespace {

std::string written(std::string_view s) {
  std::string out;
  append_json_string(out, s);
  return out;
}

// nlohmann's own serializer, kept as the reference the writer must equal byte for byte.
std::string nlohmann_dump(const std::string& s) {
  return nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

const std::string kFffd = "\xEF\xBF\xBD";

TEST(WriteString, ControlCharactersAsJsonStringify) {
  EXPECT_EQ(written("\b\f\n\r\t"), R"("\b\f\n\r\t")");
  EXPECT_EQ(written(std::string("\0", 1)), R"("\u0000")");
  EXPECT_EQ(written("\x01\x0b\x0e\x1a\x1f"), R"("\u0001\u000b\u000e\u001a\u001f")");
  EXPECT_EQ(written("\x7f"), "\"\x7f\"");  // DEL is not a JSON control character
  for (int c = 0; c < 0x20; ++c) {
    const std::string s(1, static_cast<char>(c));
    const std::string w = written(s);
    EXPECT_EQ(w[1], '\\') << c;
    EXPECT_EQ(w, nlohmann_dump(s)) << c;
  }
}

TEST(WriteString, QuotesAndBackslashes) {
  EXPECT_EQ(written(R"(say "hi" \ back\slash)"), R"("say \"hi\" \\ back\\slash")");
  EXPECT_EQ(written("\"\"\\\\"), R"("\"\"\\\\")");
  EXPECT_EQ(written("/"), R"("/")");  // the solidus stays as it is, as JSON.stringify leaves it
  EXPECT_EQ(written(""), R"("")");
}

TEST(WriteString, UnicodeIsKeptAsIs) {
  EXPECT_EQ(written("\xE2\x80\xA8\xE2\x80\xA9"), "\"\xE2\x80\xA8\xE2\x80\xA9\"");  // U+2028/2029, like JSON.stringify
  EXPECT_EQ(written("zo\xC3\xAB \xE2\x9C\x93"), "\"zo\xC3\xAB \xE2\x9C\x93\"");
  EXPECT_EQ(written("\xF0\x9D\x84\x9E \xF0\x9F\x98\x80 \xF4\x8F\xBF\xBF"),
            "\"\xF0\x9D\x84\x9E \xF0\x9F\x98\x80 \xF4\x8F\xBF\xBF\"");             // 4-byte sequences, up to U+10FFFF
  EXPECT_EQ(written("\xEF\xBB\xBF\xEF\xBF\xBF"), "\"\xEF\xBB\xBF\xEF\xBF\xBF\"");  // BOM and U+FFFF are characters
}

// Each maximal ill-formed subpart becomes one U+FFFD, as TextDecoder reads the same bytes.
TEST(WriteString, InvalidUtf8BecomesReplacementCharacters) {
  const std::pair<std::string, std::string> cases[] = {
      {"\xFF", kFffd},
      {"a\x80z", "a" + kFffd + "z"},
      {"\xC3\x28", kFffd + "("},
      {"\xC0\xAF", kFffd + kFffd},                          // overlong lead bytes are never valid
      {"\xE2\x82", kFffd},                                  // truncated at the end: one replacement
      {std::string("\xE2\x82") + 'A', kFffd + "A"},         // truncated before ASCII: the byte is kept
      {"\xE2\x82\"", kFffd + "\\\""},                       // ... and escaped if it must be
      {"\xED\xA0\x80", kFffd + kFffd + kFffd},              // an encoded surrogate
      {"\xE0\x80\x80", kFffd + kFffd + kFffd},              // overlong 3-byte
      {"\xF0\x80\x80\x80", kFffd + kFffd + kFffd + kFffd},  // overlong 4-byte
      {"\xF4\x90\x80\x80", kFffd + kFffd + kFffd + kFffd},  // above U+10FFFF
      {"\xF0\x9F\x98", kFffd},                              // a truncated emoji
      {"\xF0\x9F\x98\xF0\x9F\x98\x80", kFffd + "\xF0\x9F\x98\x80"},
      {"\xF5\xF8\xFE", kFffd + kFffd + kFffd},
  };
  for (const auto& [in, out] : cases) {
    EXPECT_EQ(written(in), '"' + out + '"') << testing::PrintToString(in);
    EXPECT_EQ(written(in), nlohmann_dump(in)) << testing::PrintToString(in);
  }
}

TEST(WriteString, LongAsciiRunsAndEveryAlignment) {
  const std::string plain(100000, 'x');
  EXPECT_EQ(written(plain), '"' + plain + '"');
  // A byte to escape at every position of a word and across word ends.
  for (const char special : {'"', '\\', '\n', '\x01', '\x1f'}) {
    for (std::size_t at = 0; at < 40; ++at) {
      std::string s(40, 'a');
      s[at] = special;
      const std::string w = written(s);
      EXPECT_EQ(w, nlohmann_dump(s)) << at;
      EXPECT_EQ(w.size(), s.size() + 2 + (special == '\x01' || special == '\x1f' ? 5 : 1)) << at;
    }
  }
  for (std::size_t at = 0; at < 20; ++at) {  // and a multi-byte character at every position
    const std::string s = std::string(at, 'a') + "\xE2\x9C\x93" + std::string(20, 'b');
    EXPECT_EQ(written(s), '"' + s + '"') << at;
  }
}

TEST(WriteString, AppendsToWhatIsThere) {
  std::string out = "[";
  append_json_string(out, "a");
  out += ',';
  append_json_string(out, "b\n");
  EXPECT_EQ(out, R"(["a","b\n")");
}

// Every 1- and 2-byte string, and many random ones over the bytes that matter, are written as
// nlohmann's dump(error_handler_t::replace) writes them.
TEST(WriteString, SameBytesAsNlohmannDump) {
  for (int a = 0; a < 256; ++a) {
    const std::string one(1, static_cast<char>(a));
    ASSERT_EQ(written(one), nlohmann_dump(one)) << a;
    for (int b = 0; b < 256; ++b) {
      const std::string two = {static_cast<char>(a), static_cast<char>(b)};
      ASSERT_EQ(written(two), nlohmann_dump(two)) << a << ' ' << b;
    }
  }
  const unsigned char alphabet[] = {0x00, 0x08, 0x0A, 0x1F, ' ',  '"',  '\\', 'a',  0x7F, 0x80, 0x8F, 0x90, 0x9F,
                                    0xA0, 0xBF, 0xC0, 0xC2, 0xDF, 0xE0, 0xE2, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF};
  std::mt19937 rng(11);
  std::uniform_int_distribution<std::size_t> pick(0, sizeof alphabet - 1);
  std::uniform_int_distribution<std::size_t> length(0, 40);
  for (int n = 0; n < 50000; ++n) {
    std::string s(length(rng), ' ');
    for (char& c : s) c = static_cast<char>(alphabet[pick(rng)]);
    ASSERT_EQ(written(s), nlohmann_dump(s)) << testing::PrintToString(s);
  }
}

// What the writer produces is JSON that reads back (nlohmann's parser, strict like JSON.parse)
// as the same string, or as its U+FFFD repair when the input was not UTF-8.
TEST(WriteString, RoundTripsThroughAJsonParser) {
  const std::string texts[] = {
      "",
      "plain",
      "\"\\/\b\f\n\r\t",
      std::string("nul \0 inside", 12),
      "\x01\x1f\x7f",
      "\xE2\x80\xA8\xE2\x80\xA9",
      "\xF0\x9D\x84\x9E",
      "caf\xC3\xA9 \xE6\x97\xA5\xE6\x9C\xAC",
      std::string(5000, 'q'),
  };
  for (const std::string& s : texts) {
    const std::string w = written(s);
    const auto back = nlohmann::json::parse(w, nullptr, false);
    ASSERT_TRUE(back.is_string()) << w;
    EXPECT_EQ(back.get<std::string>(), s);
    const ParsedText ours = parse_text(w);
    ASSERT_TRUE(ours.ok) << w;
    EXPECT_EQ(ours.value, back);
  }
  const auto repaired = nlohmann::json::parse(written("a\xE2\x82z\xFF"), nullptr, false);
  ASSERT_TRUE(repaired.is_string());
  EXPECT_EQ(repaired.get<std::string>(), "a" + kFffd + "z" + kFffd);
}

TEST(WriteString, ReportTextUsesTheWriter) {
  Report r;
  r.error("a.b", "/x", "tab\there \"q\" \xE2\x82");
  const std::string message = written("tab\there \"q\" \xE2\x82");
  EXPECT_EQ(r.to_json_text(), R"({"valid":false,"errors":[{"code":"a.b","path":"/x","message":)" + message +
                                  "}],"
                                  R"("warnings":[]})");
  EXPECT_EQ(message, "\"tab\\there \\\"q\\\" " + kFffd + '"');
}

}  // namespace
}  // namespace caw
