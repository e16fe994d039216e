#include "json/write_string.hpp"

#include <array>
#include <cstdint>
#include <cstring>

#include "json/utf8.hpp"

namespace caw {

namespace {

// Bytes that go out as they are: printable ASCII but '"' and '\\'.
struct PlainTable {
  std::array<bool, 256> plain{};
  constexpr PlainTable() {
    for (int c = 0x20; c < 0x80; ++c) plain[static_cast<std::size_t>(c)] = c != '"' && c != '\\';
  }
};
constexpr PlainTable kPlain;

constexpr std::uint64_t kOnes = 0x0101010101010101ull;
constexpr std::uint64_t kHighBits = 0x8080808080808080ull;

// Nonzero when any of eight bytes is not plain (exact as a yes/no; it does not say which byte).
constexpr std::uint64_t any_special(std::uint64_t w) {
  const std::uint64_t control = (w - kOnes * 0x20) & ~w;  // high bit where a byte < 0x20 (or >= 0x80)
  const std::uint64_t q = w ^ (kOnes * '"');
  const std::uint64_t b = w ^ (kOnes * '\\');
  const std::uint64_t quote = (q - kOnes) & ~q;  // high bit where a byte is '"'
  const std::uint64_t backslash = (b - kOnes) & ~b;
  return (control | quote | backslash | w) & kHighBits;
}

void append_escape(std::string& out, unsigned char c) {
  static constexpr char kHex[] = "0123456789abcdef";
  char e = 0;
  switch (c) {
    case '"': e = '"'; break;
    case '\\': e = '\\'; break;
    case '\b': e = 'b'; break;
    case '\f': e = 'f'; break;
    case '\n': e = 'n'; break;
    case '\r': e = 'r'; break;
    case '\t': e = 't'; break;
    default: {
      const char u[] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
      out.append(u, sizeof u);
      return;
    }
  }
  out += '\\';
  out += e;
}

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
  const char* p = text.data();
  const std::size_t n = text.size();
  out += '"';
  std::size_t start = 0;  // first byte not copied yet: plain bytes and valid UTF-8 go out in runs
  std::size_t i = 0;
  while (i < n) {
    for (std::uint64_t w = 0; i + 8 <= n; i += 8) {
      std::memcpy(&w, p + i, 8);
      if (any_special(w)) break;
    }
    while (i < n && kPlain.plain[static_cast<unsigned char>(p[i])]) ++i;
    if (i == n) break;
    const auto c = static_cast<unsigned char>(p[i]);
    if (c >= 0x80) {
      const Utf8Step step = utf8_step(text, i);
      if (!step.valid) {
        out.append(p + start, i - start);
        out += "\xEF\xBF\xBD";
        start = i + step.length;
      }
      i += step.length;
      continue;
    }
    out.append(p + start, i - start);
    append_escape(out, c);
    start = ++i;
  }
  out.append(p + start, n - start);
  out += '"';
}

}  // namespace caw
