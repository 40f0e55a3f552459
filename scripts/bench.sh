#!/usr/bin/env bash
# llmload's benchmark (docs/performance.md): how fast one core of llmload can load a server.
#
#   scripts/bench.sh            full: decoders, then a rate search per API and write mode (minutes)
#   scripts/bench.sh --quick    a few seconds: decoders and one short pinned run per API (CI, smoke)
#
# Options: --duration S (seconds per rate, default 10), --rates "250 500 …", --bin DIR (binaries
# from another build, e.g. a baseline), --server-bin DIR (the simulator's; default: --bin's),
# --no-build, --only NAME (openai-token, openai-coalesced, ollama-token, ollama-coalesced,
# two-cores), --ttft-ms / --itl-ms / --coalesce-ms (the server's timing).
#
# A release build of `llmload run` pinned to one core (taskset) loads `llmload simulate` pinned to
# the other, on 127.0.0.1, with 64-token streams. A rate is sustained when every request succeeds
# and llmload's schedule-lag P99 is at most 5 ms, with the server under 90 % of its core (a server
# at its limit writes late and bunched: a lighter load than asked) and llmload not marking itself
# client-saturated (its event loops' delay P99 over 1 ms: "loop P99"). Needs 2 cores, taskset, jq
# and GNU time.
# Figures are noise while anything else runs: the script prints the load average it started at.
set -euo pipefail
cd "$(dirname "$0")/.."

quick=0 build=1 duration=10 only="" bin=.build/release server_bin=
rates="250 500 1000 1500 2000 3000"
ttft_ms=50 itl_ms=5 coalesce_ms=50 tokens=64 lag_bound_ms=5
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1 ;;
    --no-build) build=0 ;;
    --duration) duration=$2; shift ;;
    --rates) rates=$2; shift ;;
    --bin) bin=$2; build=0; shift ;;
    --server-bin) server_bin=$2; shift ;;
    --only) only=$2; shift ;;
    --ttft-ms) ttft_ms=$2; shift ;;
    --itl-ms) itl_ms=$2; shift ;;
    --coalesce-ms) coalesce_ms=$2; shift ;;
    -h | --help) sed -n '2,18p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 64 ;;
  esac
  shift
done
if [ "$quick" = 1 ]; then duration=3 rates=200; fi
for tool in taskset jq /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing (apt-get install util-linux jq time)" >&2; exit 1; }
done
[ "$(nproc)" -ge 2 ] || { echo "bench: needs at least 2 cores" >&2; exit 1; }

if [ "$build" = 1 ]; then
  swift build -c release --product llmload >&2
  swift build -c release --product llmload-bench >&2
fi
llmload=$bin/llmload
simulator=${server_bin:-$bin}/llmload
work=$(mktemp -d)
server_pid=
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "$bin" = .build/release ]; then
  echo "build:   $llmload ($(git rev-parse --short HEAD)$(git diff --quiet || echo ', with uncommitted changes'))"
else
  echo "build:   $llmload"
fi
echo "server:  $simulator simulate --ttft-ms $ttft_ms --itl-ms $itl_ms --output-tokens $tokens; coalesced: --coalesce-ms $coalesce_ms"
echo

# In-process figures, one core.
if [ -x "$bin/llmload-bench" ] && [ -z "$only" ]; then
  taskset -c 0 "$bin/llmload-bench" --seconds "$([ "$quick" = 1 ] && echo 0.3 || echo 2)"
  echo
fi

# cpu_ticks PID: user + system clock ticks the process has used.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
ticks_per_s=$(getconf CLK_TCK)

# start_server CORES EXTRA-FLAGS…: starts the simulator on a free port; sets server_pid and port.
# Each server logs to a file of its own, made empty before it starts: the background job opens
# its redirection only once it runs, so a shared log could still show the last server's port
# (a CI run loaded that stopped server and failed on "connection refused").
servers=0
start_server() {
  local cores=$1; shift
  servers=$((servers + 1))
  local log="$work/server-$servers.log"
  : >"$log"
  taskset -c "$cores" "$simulator" simulate --port 0 --ttft-ms "$ttft_ms" --itl-ms "$itl_ms" \
    --output-tokens "$tokens" "$@" 2>"$log" &
  server_pid=$!
  for _ in $(seq 100); do
    port=$(sed -n 's|.*listening on http://127.0.0.1:\([0-9]*\).*|\1|p' "$log")
    [ -n "$port" ] && return 0
    sleep 0.1
  done
  echo "bench: the simulator did not start:" >&2; cat "$log" >&2; exit 1
}
stop_server() { kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=; }

# measure CORES URL API RATE: one run; prints "ok lag_p99_ms client_cpu_ms_per_req rss_mb
# server_cpu_ms_per_req loop_delay_p99_ms saturated steal_percent" (llmload's own probe of its
# event loops, whether it marked the run client-saturated, and the CPU time the virtual
# machine's host took from this machine during the run; "-" from a build (--bin) without them).
measure() {
  local cores=$1 url=$2 api=$3 rate=$4 out="$work/run-$RANDOM"
  local before after
  before=$(cpu_ticks "$server_pid")
  taskset -c "$cores" /usr/bin/time -f '%U %S %M' -o "$work/time" "$llmload" run --url "$url" --api "$api" \
    --qps "$rate" --duration "$duration" --timeout 30s --drain-timeout 30s --quiet --output "$out" >/dev/null 2>"$work/client.log" ||
    { echo "bench: llmload run failed:" >&2; tail -5 "$work/client.log" >&2; exit 1; }
  after=$(cpu_ticks "$server_pid")
  local summary
  summary=$(find "$out" -name summary.json | head -1)
  read -r user sys rss_kb <"$work/time"
  # Why a run failed, for the scenario to print: each outcome but ok, and the first error.
  # Written before the result line: the caller reads that line and goes on at once.
  jq -r '. as $s | [$s.requests.by_outcome | to_entries[] | select(.key != "ok" and .value > 0) | "\(.key) \(.value)"]
    | join(", ") + (if ($s.errors | length) > 0 then "; most common: " + $s.errors[0].message else "" end)' \
    "$summary" >"$work/failures"
  jq -r --arg user "$user" --arg sys "$sys" --arg rss "$rss_kb" --arg server "$((after - before))" --arg hz "$ticks_per_s" '
    (.requests.total) as $n
    | [ (if (.requests.by_outcome.ok // 0) == $n and $n > 0 then "ok" else "failed" end),
        ((.latency.schedule_lag_ms.p99 // 1e9) * 100 | round / 100),
        ((($user | tonumber) + ($sys | tonumber)) * 1000 / $n * 1000 | round / 1000),
        (($rss | tonumber) / 1024 | round),
        (($server | tonumber) * 1000 / ($hz | tonumber) / $n * 1000 | round / 1000),
        (.client.event_loop_delay_ms.p99 | if . == null then "-" else . * 100 | round / 100 end),
        (.client.saturated // false),
        (.client.machine_steal_percent | if . == null then "-" else . * 10 | round / 10 end) ] | @tsv' "$summary"
  rm -rf "$out"
}
# failures: the last run's failed outcomes, when there were any.
failures() { [ -s "$work/failures" ] && tr -d '\n' <"$work/failures" || true; }
# figures: the last run's figures (the variables its scenario read), for the line at 2,000 req/s.
figures() {
  echo "$cpu CPU-ms/request, $rss MB peak RSS, lag P99 $lag ms, loop P99 $loop ms, steal $steal %" \
    "($result$([ "$result" = ok ] || echo ": $(failures)"))"
}

# scenario NAME API PATH CLIENT-CORES SERVER-CORES SERVER-FLAGS…: the rate search for one setting.
scenario() {
  local name=$1 api=$2 path=$3 client=$4 server=$5; shift 5
  [ -z "$only" ] || [ "$only" = "$name" ] || return 0
  start_server "$server" "$@"
  local url="http://127.0.0.1:$port$path" best="none" best_line="" at_2000="" server_limit=""
  printf '%s (client on core %s, server on core %s)\n' "$name" "$client" "$server"
  printf '  %8s  %16s  %11s  %12s  %14s  %12s  %7s  %14s  %-26s  %s\n' "req/s" "result" "lag P99 ms" "loop P99 ms" \
    "client CPU-ms" "client core" "RSS MB" "server CPU-ms" "server core" "steal %"
  local tried_2000=0
  for rate in $rates; do
    read -r result lag cpu rss server_cpu loop saturated steal < <(measure "$client" "$url" "$api" "$rate")
    # Each side's share of a core over the load (the client's includes its start and report):
    # near 100 %, that side is the limit.
    local server_core client_core
    server_core=$(jq -n "$server_cpu * $rate / 10 | round")
    client_core=$(jq -n "$cpu * $rate / 10 | round")
    local verdict=$result
    [ "$result" = ok ] && [ "$(jq -n "$lag <= $lag_bound_ms")" = true ] && verdict=sustained
    [ "$verdict" = ok ] && verdict="lag>${lag_bound_ms}ms"
    # llmload's own verdict on itself: its event loops ran late enough (P99 over its bound) to
    # distort TTFT and ITL, so it marked the run client-saturated. Not sustained, whatever the lag.
    [ "$verdict" = sustained ] && [ "$saturated" = true ] && verdict=client-saturated
    # A server at its core's limit writes late and several tokens at once: the client kept its
    # schedule against a lighter load than asked, so the rate says nothing of the client.
    # Its share is of one core: a server on several (the two-cores scenario) has more to give.
    local server_full=$((90 * $(tr ',' '\n' <<<"$server" | wc -l)))
    [ "$verdict" = sustained ] && [ "$server_core" -ge "$server_full" ] && verdict=server-bound && server_limit=$rate
    printf '  %8s  %16s  %11s  %12s  %14s  %12s  %7s  %14s  %-26s  %s\n' "$rate" "$verdict" "$lag" "$loop" "$cpu" \
      "$client_core %$([ "$client_core" -ge 90 ] && [ "$client" != 0,1 ] && echo ' (client-bound)')" "$rss" "$server_cpu" \
      "$server_core %$([ "$server_core" -ge "$server_full" ] && echo ' (server-bound)')" "$steal"
    [ "$result" = ok ] || echo "            failed requests: $(failures)"
    [ "$rate" = 2000 ] && tried_2000=1 && at_2000=$(figures)
    if [ "$verdict" = sustained ]; then best=$rate best_line="$cpu CPU-ms/request, $rss MB peak RSS"; else break; fi
  done
  if [ "$quick" = 0 ] && [ "$tried_2000" = 0 ]; then
    read -r result lag cpu rss server_cpu loop saturated steal < <(measure "$client" "$url" "$api" 2000)
    at_2000=$(figures)
  fi
  stop_server
  if [ "$best" = none ]; then echo "  => sustained: none of the rates tried"; else echo "  => sustained: $best req/s${best_line:+ at $best_line}"; fi
  [ -z "$server_limit" ] || echo "  => the server, not llmload, was the limit at $server_limit req/s"
  [ -z "$at_2000" ] || echo "  => at 2000 req/s: $at_2000"
  echo
}

coalesce=()
if "$simulator" simulate --help 2>&1 | grep -q -- --coalesce-ms; then coalesce=(--coalesce-ms "$coalesce_ms"); fi
scenario openai-token openai-chat /v1 0 1
[ ${#coalesce[@]} -eq 0 ] || scenario openai-coalesced openai-chat /v1 0 1 "${coalesce[@]}"
scenario ollama-token ollama-generate "" 0 1
[ ${#coalesce[@]} -eq 0 ] || scenario ollama-coalesced ollama-generate "" 0 1 "${coalesce[@]}"
# Scaling: client and server both free to use both cores.
[ "$quick" = 1 ] || scenario two-cores openai-chat /v1 0,1 0,1 "${coalesce[@]}"
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
