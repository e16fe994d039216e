#!/usr/bin/env bash
# `npm test`: install what is missing, build native + wasm, run GoogleTest (ctest), the
# Node test suite (node --test) against the built package, the type test (tsc), and the
# runtime tests (Node, Deno, Chromium, workerd) against the packed and installed package.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
CAW_NO_BOOTSTRAP=1 bash scripts/build.sh native wasm

echo "== GoogleTest (ctest, native)"
ctest --preset native -j2

echo "== Node tests (node --test)"
mapfile -t files < <(find tests/js -name '*.test.js' | sort)
node --test --test-force-exit --test-concurrency=2 "${files[@]}"

echo "== Types (tsc --noEmit over tests/types)"
node_modules/.bin/tsc -p tests/types --noEmit

echo "== Size budget"
node tests/size-budget.js

echo "== Runtime tests against the packed package (Node, Deno, Chromium, workerd)"
CAW_INSTALLED=$(node tests/runtime/installed.js)
export CAW_INSTALLED
node --test --test-force-exit --test-concurrency=1 tests/runtime/*.test.js
