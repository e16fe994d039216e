#!/usr/bin/env bash
# Builds the native core + GoogleTest suite (build/native) and the wasm package files (dist/).
# Incremental: configures a preset only once, then lets ninja decide what is stale.
set -euo pipefail
cd "$(dirname "$0")/.."
[ "${CAW_NO_BOOTSTRAP:-}" = 1 ] || bash scripts/bootstrap.sh

presets=("$@")
[ ${#presets[@]} -gt 0 ] || presets=(native wasm)
for preset in "${presets[@]}"; do
  [ -f "build/$preset/build.ninja" ] || cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset"
done
