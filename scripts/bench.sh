#!/usr/bin/env bash
# `npm run bench`: every benchmark in bench/, results in bench/results/ (one .json and one .md
# per section), then the issue-11 targets in one table (bench/results/summary.md).
# Knobs: CAW_BENCH_ONLY=size,startup,validate,simulate (a subset), CAW_BENCH_NO_BUILD=1 (use the
# current dist/), CAW_BENCH_SAMPLES / CAW_BENCH_SAMPLE_MS / CAW_BENCH_CORPORA / CAW_BENCH_RUNTIMES
# (see each bench file), CAW_INSTALLED (an installed packed project to reuse).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${CAW_BENCH_NO_BUILD:-}" != 1 ]; then
  # The build dirs may be shared: builds take the lock when flock exists.
  if command -v flock >/dev/null; then
    CAW_NO_BOOTSTRAP=1 flock /tmp/caw-build.lock bash scripts/build.sh native wasm
  else
    CAW_NO_BOOTSTRAP=1 bash scripts/build.sh native wasm
  fi
fi
# One packed install for every bench that measures the published package.
if [ -z "${CAW_INSTALLED:-}" ] || [ ! -d "$CAW_INSTALLED" ]; then
  CAW_INSTALLED=$(node tests/runtime/installed.js)
  export CAW_INSTALLED
fi
only=",${CAW_BENCH_ONLY:-size,startup,validate,simulate},"
for name in size startup validate simulate; do
  [[ $only == *",$name,"* ]] || continue
  echo "== bench/$name.bench.mjs"
  node "bench/$name.bench.mjs"
done
node bench/summary.mjs
