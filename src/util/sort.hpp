#pragma once
#include <cstdint>
#include <vector>

namespace caw {

// Sorts positions by a comparison over some context. Every sort in the validator goes through
// this one function, so its wasm module carries a single copy of std::sort; a comparison that
// breaks ties by position makes the order stable.
using IndexLess = bool (*)(const void* context, std::uint32_t a, std::uint32_t b);
void sort_indices(std::vector<std::uint32_t>& indices, IndexLess less, const void* context);

}  // namespace caw
