#!/usr/bin/env bash
# `npm test`: install what is missing, build native + wasm, run GoogleTest (ctest) and the
# Node test suite (node --test) against the built package.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
CAW_NO_BOOTSTRAP=1 bash scripts/build.sh native wasm

echo "== GoogleTest (ctest, native)"
ctest --preset native -j2

echo "== Node tests (node --test)"
mapfile -t files < <(find tests/js -name '*.test.js' | sort)
node --test --test-concurrency=2 "${files[@]}"
