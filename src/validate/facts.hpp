#pragma once
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "util/text.hpp"

namespace caw::facts {

// What the scanner (validate/scan.cpp) learns about a request in its one pass over the bytes,
// and all the rules (validate/judge.cpp, validate/rules/) ever look at: the part of the document
// the request's shape gives meaning to (the request, automation, steps, each step's fields and
// the members of their object values), as a small tree of nodes with types, decoded strings and
// byte offsets. Bulk data below that (the inside of `data`, `profile`, ...) is checked for
// well-formedness and duplicate keys but never stored.

enum class Type : std::uint8_t { Null, Bool, Number, String, Object, Array };

inline constexpr std::uint32_t kNone = 0xFFFFFFFFu;

// Length and three bytes of a key: most lookups that would fail are told apart by it alone.
inline std::uint32_t key_signature(std::string_view key) {
  const std::size_t n = key.size();
  if (n == 0) return 0;
  return static_cast<std::uint32_t>(n & 0xFF) | static_cast<std::uint32_t>(static_cast<unsigned char>(key[0])) << 8 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(key[n / 2])) << 16 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(key[n - 1])) << 24;
}

struct Node {
  Type type = Type::Null;
  bool accessor = false;        // an object that is exactly {"$ref": "<string>"}
  bool shadowed = false;        // an earlier member of a duplicate key: the parser keeps the last one
  bool falsy = false;           // JavaScript reads it as false: false, null, 0, -0, ""
  std::uint32_t sig = 0;        // key_signature(key)
  std::uint32_t begin = 0;      // byte offset of the value's first byte
  std::uint32_t count = 0;      // members (distinct keys) / elements, recorded or not
  std::uint32_t first = kNone;  // first recorded child
  std::uint32_t next = kNone;   // next recorded sibling
  std::string_view key;         // member name, decoded ("" for array elements and the root)
  std::string_view text;        // string value, decoded

  // JavaScript truthiness (what `||` and `if (x)` in Courier's handler see).
  [[nodiscard]] bool truthy() const { return !falsy; }
};

// The scanner's output and its reusable working memory: a caller that validates many payloads
// keeps one Facts and the scan allocates nothing once it has warmed up.
struct Facts {
  std::vector<Node> nodes;          // nodes[0] is the root once anything was read
  std::deque<std::string> decoded;  // decoded keys with escapes (stable while the scan runs)
  std::string arena;                // decoded string values with escapes
  struct Fixup {
    std::uint32_t node, at, size;  // nodes[node].text is arena[at, at + size) once the scan ends
  };
  std::vector<Fixup> fixups;
  bool complete = false;  // the whole text was well formed and within the limits

  // The scanner's working memory, kept here so repeated scans reuse it.
  struct Frame {
    bool object = false;
    bool maybe_dup = false;      // the key filter saw a possible repeat: sort the keys at the close
    bool ref_string = false;     // a "$ref" member whose value is a string (accessor objects)
    std::uint8_t role = 0;       // what the container is (scan.cpp's Role): decides what gets recorded
    std::uint32_t node = kNone;  // its node, when recorded
    std::uint32_t last = kNone;  // its last recorded child
    std::uint32_t count = 0;
    std::uint32_t repeats = 0;  // members shadowed by a later duplicate
    std::uint32_t keys_begin = 0;
    std::uint64_t bloom[2] = {0, 0};
    std::string_view key;  // the current member's name (objects)
  };
  struct Key {
    std::string_view name;
    std::uint32_t node;    // the member's node, or kNone when not recorded
    std::uint32_t offset;  // byte offset of the member's value
  };
  std::vector<Frame> frames;
  std::vector<Key> keys;
  std::vector<std::uint32_t> sorted;  // indices into keys

  void clear() {
    nodes.clear();
    decoded.clear();
    arena.clear();
    fixups.clear();
    complete = false;
    frames.clear();
    keys.clear();
  }

  [[nodiscard]] const Node& at(std::uint32_t id) const { return nodes[id]; }

  // The recorded member `key` of object `id` (the last one, as a parser keeps), or kNone.
  [[nodiscard]] std::uint32_t member(std::uint32_t id, std::string_view key) const {
    if (id == kNone) return kNone;
    const std::uint32_t sig = key_signature(key);
    for (std::uint32_t c = nodes[id].first; c != kNone; c = nodes[c].next) {
      const Node& n = nodes[c];
      if (n.sig == sig && !n.shadowed && same_name(n.key, key)) return c;
    }
    return kNone;
  }
};

}  // namespace caw::facts
