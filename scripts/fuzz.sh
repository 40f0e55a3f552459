#!/usr/bin/env bash
# Fuzzes llmload's decoders and parsers with libFuzzer, each target for a bounded time.
#
#   scripts/fuzz.sh [seconds-per-target] [target…]     (default: 60 s, every target)
#
# Targets (Fuzz/Targets/<target>, checks in Sources/LLMLoadFuzzChecks): sse, ndjson, chunk,
# prompt-file, proc, scenario, prometheus, trace, http. Each starts from Fuzz/corpus/<target>, read only (with
# Fuzz/dictionaries/<target>.dict where there is one); what it finds
# for new coverage goes to a temporary folder (kept with FUZZ_KEEP=<dir>, to add to the corpus
# after `-merge=1`). Targets run FUZZ_JOBS at a time (default: the number of CPUs).
#
# The build is cheap because it is not a package-wide `-sanitize=fuzzer`: LLMLOAD_FUZZ=1 makes
# Package.swift instrument only the modules under test and add the fuzz executables, so the
# dependencies' objects of the ordinary debug build are reused. (An ordinary `swift build`
# afterwards recompiles those modules once more, without the instrumentation.)
#
# Exits 1 when a target crashes, traps, hangs, runs out of memory or breaks its check, naming
# the input that does it and the command that replays it.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(sse ndjson chunk prompt-file proc scenario prometheus trace http)
jobs=${FUZZ_JOBS:-$(nproc)}
export LLMLOAD_FUZZ=1

started=$SECONDS
build_log=$(mktemp)
for target in "${targets[@]}"; do
  test -d "Fuzz/corpus/$target" || { echo "no corpus Fuzz/corpus/$target: unknown target $target"; exit 2; }
  if ! swift build --product "llmload-fuzz-$target" >"$build_log" 2>&1; then
    echo "building llmload-fuzz-$target failed:"; grep -E "error:" "$build_log" || tail -30 "$build_log"; exit 1
  fi
  grep -E "^$PWD/(Sources|Fuzz)/.*warning:" "$build_log" || true
  # SwiftPM's own figure: without the wait for another build's lock on .build.
  echo "built llmload-fuzz-$target: $(grep -oE '\(([0-9.]+s)\)$' "$build_log" | tail -1)"
done
rm -f "$build_log"
bin=$(swift build --show-bin-path)
echo "built ${#targets[@]} fuzz targets in $((SECONDS - started)) s"

work=${FUZZ_KEEP:-$(mktemp -d)}
# A trap, not the Swift backtracer, should report: libFuzzer then saves the input at once.
export SWIFT_BACKTRACE=enable=no
run() {
  local target=$1 folder=$work/$1 options=()
  mkdir -p "$folder/new"
  # Tokens the fuzzer cannot learn from comparisons in instrumented code (YAML keys are looked
  # up in a Set, by Yams, which is not instrumented).
  [ ! -f "Fuzz/dictionaries/$target.dict" ] || options+=(-dict="Fuzz/dictionaries/$target.dict")
  "$bin/llmload-fuzz-$target" "$folder/new" "Fuzz/corpus/$target" "${options[@]}" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$folder/" >"$folder.log" 2>&1 && echo 0 >"$folder.rc" || echo $? >"$folder.rc"
}

for target in "${targets[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do wait -n || true; done
  run "$target" &
done
wait

failed=0
for target in "${targets[@]}"; do
  if [ "$(cat "$work/$target.rc")" = 0 ]; then
    # "#123456 DONE cov: 812 ft: 3304 corp: 310/61Kb lim: 4096 exec/s: 2057 rss: 64Mb"
    summary=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$work/$target.log" | tail -1 | sed -E 's/^#([0-9]+)[[:space:]]+DONE[[:space:]]+/\1 runs, /')
    echo "fuzz $target: ok, $summary"
  else
    failed=1
    echo "fuzz $target: FAILED"
    grep -E -A3 'Fatal error|ERROR: libFuzzer|deadly signal|SUMMARY' "$work/$target.log" | head -20 || tail -20 "$work/$target.log"
    for input in "$work/$target"/{crash,timeout,oom,leak,slow-unit}-*; do
      [ -e "$input" ] || continue
      echo "reproducer: $input"
      echo "replay: LLMLOAD_FUZZ=1 swift build --product llmload-fuzz-$target && $bin/llmload-fuzz-$target $input"
    done
  fi
done
echo "fuzzing took $((SECONDS - started)) s"
if [ "$failed" -ne 0 ]; then
  echo "logs and inputs kept in $work"
  exit 1
fi
[ -n "${FUZZ_KEEP:-}" ] || rm -rf "$work"
