#!/usr/bin/env bash
# Measures what each size knob does to the wasm + JS glue (raw and gzip -9), by re-linking
# the objects of an existing wasm build with extra flags. Not part of `npm test` (slow);
# run it after `bash scripts/build.sh wasm` (and, for the LTO rows, a build with -flto:
#   cmake -S . -B build/wasm-lto -G Ninja --toolchain /usr/share/emscripten/cmake/Modules/Platform/Emscripten.cmake \
#     -DCMAKE_BUILD_TYPE=Release -DCAW_TESTS=OFF -DCAW_WASM_CLOSURE=OFF -DCAW_DIST_DIR=/tmp/caw-lto-dist
#   cmake --build build/wasm-lto -j2).
# Rows are relative to the build's current configuration (cmake/wasm.cmake): the committed
# bench/results/size-knobs.md was measured with LTO, closure, TEXTDECODER=2 and the trimmed
# INCOMING_MODULE_JS_API all off (configure with -DCAW_WASM_LTO=OFF -DCAW_WASM_CLOSURE=OFF to repeat it).
# Writes bench/results/size-knobs.md.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
out=$(mktemp -d)
export NODE_PATH=/usr/share/nodejs
export EM_CLOSURE_COMPILER="$root/node_modules/.bin/google-closure-compiler"

link_cmd() {  # the link command ninja would run in build dir $1, minus the output name
  ninja -C "$1" -t commands courier_automations | tail -1 \
    | sed -e 's/^: && //' -e 's/ && :$//' -e 's#/usr/bin/cmake -E env NODE_PATH=/usr/share/nodejs ##'
}

rows=()
measure() {  # name, build dir, extra flags..., [post:wasm-opt args]
  local name=$1 dir=$2; shift 2
  local flags=() post=()
  for a in "$@"; do case $a in post:*) post+=("${a#post:}");; *) flags+=("$a");; esac; done
  local cmd; cmd=$(link_cmd "$dir")
  local target="$out/$RANDOM.mjs"
  cmd=${cmd//-o *courier_automations.mjs/-o $target}
  ( cd "$dir" && eval "$cmd ${flags[*]:-}" ) >"$out/log" 2>&1 || { echo "$name: link failed"; tail -5 "$out/log"; return; }
  local wasm=${target%.mjs}.wasm
  if [ ${#post[@]} -gt 0 ]; then wasm-opt "${post[@]}" --enable-bulk-memory --enable-sign-ext --enable-mutable-globals "$wasm" -o "$wasm"; fi
  local wr wg jr jg
  wr=$(stat -c %s "$wasm"); wg=$(gzip -9 -c "$wasm" | wc -c)
  jr=$(stat -c %s "$target"); jg=$(gzip -9 -c "$target" | wc -c)
  rows+=("| $name | $wr | $wg | $jr | $jg | $((wg + jg)) |")
  echo "${rows[-1]}"
}

base=build/wasm
lto=build/wasm-lto
trim='-sINCOMING_MODULE_JS_API=[wasmBinary,instantiateWasm,locateFile]'
measure "as configured (${base})" $base
measure "+ -sMALLOC=emmalloc" $base -sMALLOC=emmalloc
measure "+ INCOMING_MODULE_JS_API trimmed to 3" $base "$trim"
measure "+ -sTEXTDECODER=2" $base -sTEXTDECODER=2
measure "+ --closure 1" $base --closure 1
measure "+ wasm-opt -O3 post-pass" $base post:-O3
measure "+ wasm-opt -Oz post-pass" $base post:-Oz
if [ -f $lto/build.ninja ]; then
  measure "as configured (${lto})" $lto
  measure "LTO + --closure 1" $lto --closure 1
  measure "LTO + closure + trim + TEXTDECODER=2" $lto --closure 1 "$trim" -sTEXTDECODER=2
  measure "LTO + closure + trim + TEXTDECODER=2 + emmalloc" $lto --closure 1 "$trim" -sTEXTDECODER=2 -sMALLOC=emmalloc
fi

mkdir -p bench/results
{
  echo "# Size knobs (gzip -9 bytes; $(date -u +%Y-%m-%d), emscripten 3.1.6)"
  echo
  echo "| variant | wasm raw | wasm gz | JS raw | JS gz | wasm+JS gz |"
  echo "|---|---:|---:|---:|---:|---:|"
  printf '%s\n' "${rows[@]}"
} > bench/results/size-knobs.md
rm -rf "$out"
