#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace caw {

// Levenshtein distance, bounded: returns max_distance + 1 as soon as it is exceeded.
std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t max_distance = 2);

// The candidate nearest to `word` within edit distance 2, or "" when none is that close.
template <class Range>
std::string did_you_mean(std::string_view word, const Range& candidates) {
  std::string best;
  std::size_t best_distance = 3;
  for (const auto& c : candidates) {
    const std::string_view candidate(c);
    const std::size_t d = edit_distance(word, candidate, 2);
    if (d < best_distance) {
      best_distance = d;
      best = std::string(candidate);
    }
  }
  return best;
}

}  // namespace caw
