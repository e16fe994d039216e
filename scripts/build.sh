#!/usr/bin/env bash
# Builds the native core + GoogleTest suite (build/native), the wasm modules (dist/*.wasm) and,
# after the wasm preset, the bundled entries (dist/**/*.js, scripts/bundle.mjs).
# Incremental: configures a preset only once, then lets ninja decide what is stale.
set -euo pipefail
cd "$(dirname "$0")/.."
[ "${CAW_NO_BOOTSTRAP:-}" = 1 ] || bash scripts/bootstrap.sh

presets=("$@")
[ ${#presets[@]} -gt 0 ] || presets=(native wasm)
for preset in "${presets[@]}"; do
  [ -f "build/$preset/build.ninja" ] || cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset"
  if [ "$preset" = wasm ]; then node scripts/bundle.mjs >/dev/null; fi
done
