#!/usr/bin/env bash
# `npm start`: build what is missing, then run the project's main thing.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f dist/courier_automations.wasm ] || [ ! -f dist/caw_validate.wasm ] || [ ! -f dist/node.js ] || [ ! -f build/native/build.ninja ]; then
  bash scripts/build.sh
fi
exec node scripts/start.mjs "$@"
