#!/usr/bin/env bash
# What one small TCP write costs on this machine's loopback, in C, with nothing of llmload in
# the way: the floor under any server that streams one write per token (docs/performance.md).
#
#   scripts/loopback-write-cost.sh [writes] [bytes]     (default 50000 writes of 200 bytes)
#
# A writer pinned to core 1 sends small writes to a reader pinned to core 0, two ways: paced
# 30 µs apart (the reader sleeps between writes and each write wakes it, as a streaming client
# is woken by each token), and back to back (the reader is busy and writes pile up). Prints the
# writer's system CPU per write. Needs a C compiler (cc) and 2 cores.
set -euo pipefail
writes=${1:-50000} bytes=${2:-200}
command -v cc >/dev/null || { echo "loopback-write-cost: needs a C compiler (apt-get install gcc)" >&2; exit 1; }
[ "$(nproc)" -ge 2 ] || { echo "loopback-write-cost: needs 2 cores" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat >"$work/cost.c" <<'C'
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/tcp.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void pin(int core) { cpu_set_t s; CPU_ZERO(&s); CPU_SET(core, &s); sched_setaffinity(0, sizeof s, &s); }
static long nanos(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec * 1000000000L + t.tv_nsec; }

int main(int argc, char **argv) {
  int writes = atoi(argv[1]), size = atoi(argv[2]), gap = atoi(argv[3]), one = 1;
  int listener = socket(AF_INET, SOCK_STREAM, 0);
  struct sockaddr_in address = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
  socklen_t length = sizeof address;
  bind(listener, (void *)&address, sizeof address); listen(listener, 1);
  getsockname(listener, (void *)&address, &length);
  if (fork() == 0) {
    pin(0);
    int reader = socket(AF_INET, SOCK_STREAM, 0); connect(reader, (void *)&address, sizeof address);
    char buffer[65536]; while (read(reader, buffer, sizeof buffer) > 0) {}
    return 0;
  }
  pin(1);
  int writer = accept(listener, 0, 0); setsockopt(writer, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  char *message = malloc(size); memset(message, 'x', size);
  for (int i = 0; i < writes; i++) {
    if (write(writer, message, size) != size) return 1;
    long until = nanos() + gap * 1000L; while (nanos() < until) {}  // spins in user time, not system
  }
  struct rusage usage; getrusage(RUSAGE_SELF, &usage);
  printf("%s: %d writes of %d bytes, writer system CPU %.1f us a write\n", gap ? "paced 30 us apart" : "back to back",
         writes, size, (usage.ru_stime.tv_sec * 1e6 + usage.ru_stime.tv_usec) / writes);
  close(writer); wait(0); return 0;
}
C
cc -O2 -o "$work/cost" "$work/cost.c"
"$work/cost" "$writes" "$bytes" 30
"$work/cost" "$writes" "$bytes" 0
