#pragma once
#include <cstdint>
#include <map>
#include <vector>

#include "time/civil.hpp"

namespace caw::sim {

// What the engine does next: start a scheduled invocation, or go on with a run.
struct Event {
  time::EpochMs at = 0;
  std::uint32_t target = 0;  // run index, or invocation index when `start`
  bool start = false;
};

// The engine's future, ordered by (time, scheduling order): events due at the same instant come
// out first-in first-out, so every trace is deterministic. Most events share a few instants (a
// wave of runs that all wait "1 day"), so each distinct instant holds one FIFO bucket: a push or
// pop within an instant is O(1), across instants O(log instants), where a binary heap paid
// O(log events) sift-downs over 24-byte entries. An entry takes 8 bytes.
class EventQueue {
 public:
  [[nodiscard]] bool empty() const { return size_ == 0; }
  [[nodiscard]] std::size_t size() const { return size_; }
  [[nodiscard]] std::size_t instants() const { return buckets_.size(); }

  void push(const Event& e) {
    buckets_[e.at].entries.push_back(Entry{e.target, e.start});
    ++size_;
  }

  // The earliest event; the queue must not be empty.
  [[nodiscard]] Event top() const {
    const auto& [at, bucket] = *buckets_.begin();
    const Entry& entry = bucket.entries[bucket.head];
    return Event{at, entry.target, entry.start};
  }

  void pop() {
    auto first = buckets_.begin();
    if (++first->second.head == first->second.entries.size()) buckets_.erase(first);
    --size_;
  }

 private:
  struct Entry {
    std::uint32_t target;
    bool start;
  };
  struct Bucket {
    std::vector<Entry> entries;
    std::size_t head = 0;  // entries before it have been taken
  };
  std::map<time::EpochMs, Bucket> buckets_;
  std::size_t size_ = 0;
};

}  // namespace caw::sim
