#!/usr/bin/env bash
# Builds the libFuzzer targets (preset fuzz: clang-14, ASan + UBSan) and runs EVERY one of
# them for a bounded time on its seed corpus (tests/fuzz/corpus/<name>/) with its dictionary
# (tests/fuzz/<name>.dict, else tests/fuzz/request.dict).
#   scripts/fuzz.sh [seconds per target] Fails on the first
# crash, leak, sanitizer report, timeout or out-of-memory; the reproducer is written to
# build/fuzz/artifacts/<target>/ (add it to the target's corpus: ctest then replays it).
#   CAW_FUZZ_SECONDS  time per target when no argument is given (default 30)
#   CAW_FUZZ_JOBS     build parallelism (default 2)
# New inputs found go to build/fuzz/new-corpus/<name>/, never into the repository.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-${CAW_FUZZ_SECONDS:-30}}

[ -f build/fuzz/build.ninja ] || cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j "${CAW_FUZZ_JOBS:-2}"

mapfile -t targets < <(find build/fuzz/tests/fuzz -maxdepth 1 -type f -name 'fuzz_*' -perm -u+x ! -name '*_replay' | sort)
[ ${#targets[@]} -gt 0 ] || { echo "fuzz: no targets built" >&2; exit 1; }

summary=build/fuzz/fuzz-summary.txt
: > "$summary"
for bin in "${targets[@]}"; do
  name=$(basename "$bin")
  corpus_name=${name#fuzz_}
  seeds=tests/fuzz/corpus/$corpus_name
  new=build/fuzz/new-corpus/$corpus_name
  artifacts=build/fuzz/artifacts/$name
  mkdir -p "$new" "$artifacts"
  [ -d "$seeds" ] || { echo "fuzz: $name has no seed corpus at $seeds" >&2; exit 1; }
  dict=tests/fuzz/$corpus_name.dict
  [ -f "$dict" ] || dict=tests/fuzz/request.dict
  dict_arg=()
  [ -f "$dict" ] && dict_arg=(-dict="$dict")
  log=build/fuzz/$name.log
  echo "== $name (${seconds} s, seeds: $(find "$seeds" -type f | wc -l))"
  # -max_len keeps mutation fast; seeds longer than that are replayed whole by ctest instead.
  if ! ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
      "$bin" -max_total_time="$seconds" -max_len=8192 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
      "${dict_arg[@]}" -artifact_prefix="$artifacts/" "$new" "$seeds" >"$log" 2>&1; then
    tail -n 60 "$log" >&2
    echo "fuzz: $name FAILED; reproducer in $artifacts/" >&2
    exit 1
  fi
  runs=$(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -Eo '[0-9]+$' || echo '?')
  cov=$(grep -Eo 'cov: [0-9]+' "$log" | tail -n 1 | grep -Eo '[0-9]+' || echo '?')
  echo "$name: $runs executions in ${seconds} s, coverage $cov edges, no crash" | tee -a "$summary"
done
