#!/usr/bin/env bash
# Bounded libFuzzer runs (ASan + UBSan), seeded from tests/fixtures: scripts/fuzz.sh [seconds per target]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-30}"
[ -f build/fuzz/build.ninja ] || cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j2
corpus="build/fuzz/corpus"
mkdir -p "$corpus"
cp tests/fixtures/valid/*.json tests/fixtures/invalid/*.json "$corpus/"
for target in build/fuzz/tests/fuzz/fuzz_*; do
  [ -x "$target" ] || continue
  echo "== $(basename "$target") for ${seconds}s"
  "$target" -max_total_time="$seconds" -max_len=4096 -dict=tests/fuzz/request.dict -timeout=10 -print_final_stats=1 "$corpus" 2>&1 | tail -12
done
