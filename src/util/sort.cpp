#include "util/sort.hpp"

#include <algorithm>

namespace caw {

void sort_indices(std::vector<std::uint32_t>& indices, IndexLess less, const void* context) {
  std::sort(indices.begin(), indices.end(),
            [less, context](std::uint32_t a, std::uint32_t b) { return less(context, a, b); });
}

}  // namespace caw
