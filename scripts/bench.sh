#!/usr/bin/env bash
# `npm run bench`: every benchmark in bench/, side by side, results in bench/results/.
set -euo pipefail
cd "$(dirname "$0")/.."
CAW_NO_BOOTSTRAP=1 bash scripts/build.sh native wasm
shopt -s nullglob
for b in bench/*.bench.mjs; do
  echo "== $b"
  node "$b"
done
