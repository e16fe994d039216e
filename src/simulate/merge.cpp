#include "simulate/merge.hpp"

namespace caw::sim {

void deep_merge(nlohmann::json& target, const nlohmann::json& incoming) {
  if (!target.is_object() || !incoming.is_object()) {
    target = incoming;
    return;
  }
  for (auto it = incoming.begin(); it != incoming.end(); ++it) {
    auto existing = target.find(it.key());
    if (existing != target.end() && existing->is_object() && it->is_object()) {
      deep_merge(*existing, *it);
    } else {
      target[it.key()] = *it;
    }
  }
}

void merge_by_index(nlohmann::json& target, const nlohmann::json& incoming) {
  if (target.is_array() && incoming.is_array()) {
    for (std::size_t i = 0; i < incoming.size(); ++i) {
      if (i < target.size()) {
        merge_by_index(target[i], incoming[i]);
      } else {
        target.push_back(incoming[i]);
      }
    }
    return;
  }
  if (!target.is_object() || !incoming.is_object()) {
    target = incoming;
    return;
  }
  for (auto it = incoming.begin(); it != incoming.end(); ++it) {
    auto existing = target.find(it.key());
    if (existing != target.end()) {
      merge_by_index(*existing, *it);
    } else {
      target[it.key()] = *it;
    }
  }
}

nlohmann::json deep_extend(const nlohmann::json& run, const nlohmann::json* step) {
  if (run.is_object()) {
    nlohmann::json out = run;
    if (step && step->is_object()) deep_merge(out, *step);
    return out;
  }
  if (step && !step->is_null()) return *step;
  return nlohmann::json::object();
}

nlohmann::json shallow_merge(const nlohmann::json& base, const nlohmann::json& incoming) {
  if (!incoming.is_object()) return base.is_object() ? base : nlohmann::json::object();
  nlohmann::json out = base.is_object() ? base : nlohmann::json::object();
  for (auto it = incoming.begin(); it != incoming.end(); ++it) out[it.key()] = *it;
  return out;
}

void soft_merge(nlohmann::json& target, const nlohmann::json& incoming) {
  if (!incoming.is_object()) return;
  if (!target.is_object()) {
    target = incoming;
    return;
  }
  for (auto it = incoming.begin(); it != incoming.end(); ++it) {
    if (!target.contains(it.key())) target[it.key()] = *it;
  }
}

}  // namespace caw::sim
