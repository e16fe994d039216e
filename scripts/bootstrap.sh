#!/usr/bin/env bash
# Installs what a fresh Debian 12 machine lacks for building and testing this package:
# Debian packages (only the missing ones) and the npm devDependencies (npm ci when stale).
# Called by `npm test`, `npm start` and `npm run build`; safe to run any number of times.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  cmake ninja-build g++ pkg-config       # native build
  emscripten                             # wasm build (3.1.6, uses clang-14/lld-14/binaryen)
  nlohmann-json3-dev                     # JSON in C++
  libgtest-dev googletest                # GoogleTest via ctest
  clang-14 libclang-rt-14-dev            # sanitizers and libFuzzer
  clang-format
  chromium                               # the playground's end-to-end test (driven by playwright-core)
)
[ "${CAW_SKIP_BROWSER:-}" = 1 ] && packages=("${packages[@]/chromium/}")

missing=()
for p in "${packages[@]}"; do
  [ -n "$p" ] || continue
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "bootstrap: installing Debian packages: ${missing[*]}"
  if [ "$(id -u)" = 0 ]; then sudo=(); elif command -v sudo >/dev/null; then sudo=(sudo); else
    echo "bootstrap: need root (or sudo) to run: apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm ci when node_modules is missing or older than the lock file.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "bootstrap: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi
