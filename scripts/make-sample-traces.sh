#!/usr/bin/env bash
# Writes the two small sample traces in examples/, for `llmload run --trace`:
#
#   examples/mooncake-sample.jsonl  300 requests in Mooncake's JSONL layout: timestamp (ms),
#                                   input_length, output_length, hash_ids (512-token blocks).
#                                   Requests belong to 24 conversations; a conversation's
#                                   requests start with the same blocks (its history), so
#                                   hash_ids are shared as in Mooncake's traces.
#   examples/burstgpt-sample.csv    300 requests in BurstGPT's CSV layout: Timestamp (s),
#                                   Model, Request tokens, Response tokens, Total tokens,
#                                   Log Type; arrivals come in bursts, and a few failed
#                                   requests have 0 response tokens, as in BurstGPT.
#
# Both are synthetic, made here by this script: no record of real traffic. The numbers come
# from a Park–Miller generator written out below (not awk's rand(), which differs between
# awk implementations), so every machine writes the same files.
set -euo pipefail
cd "$(dirname "$0")/.."

awk -v seed=20261201 '
function rnd() { seed = (seed * 16807) % 2147483647; return seed / 2147483647 }
function between(low, high) { return low + int(rnd() * (high - low + 1)) }
BEGIN {
    next_id = 1
    # Each conversation: its history so far, as block ids.
    for (c = 0; c < 24; c++) { length_of[c] = 0 }
    t = 0
    for (i = 0; i < 300; i++) {
        t += int(-log(1 - rnd()) * 200)          # exponential gaps, 200 ms on average
        c = between(0, 23)
        # The new turn: 60 to 900 tokens on top of the history (at most 8 blocks kept).
        if (length_of[c] > 3000) { length_of[c] = 0; blocks[c] = 0 }
        input = length_of[c] + between(60, 900)
        needed = int((input + 511) / 512)
        ids = ""
        for (b = 0; b < needed; b++) {
            if (b < blocks[c]) { id = block[c, b] }
            else { id = next_id++; block[c, b] = id }
            ids = ids (b ? ", " : "") id
        }
        # Only whole blocks are history the next turn can share.
        blocks[c] = int(input / 512)
        length_of[c] = input
        printf "{\"timestamp\": %d, \"input_length\": %d, \"output_length\": %d, \"hash_ids\": [%s]}\n", \
            t, input, between(16, 400), ids
    }
}' > examples/mooncake-sample.jsonl

awk -v seed=4242 '
function rnd() { seed = (seed * 16807) % 2147483647; return seed / 2147483647 }
function between(low, high) { return low + int(rnd() * (high - low + 1)) }
BEGIN {
    print "Timestamp,Model,Request tokens,Response tokens,Total tokens,Log Type"
    t = 0
    for (i = 0; i < 300; i++) {
        # Bursts: mostly the same second or the next, now and then a pause of up to 8 s.
        t += (rnd() < 0.1) ? between(2, 8) : between(0, 1)
        model = (rnd() < 0.7) ? "ChatGPT" : "GPT-4"
        request = between(20, 1500)
        response = (rnd() < 0.03) ? 0 : between(8, 500)
        type = (rnd() < 0.8) ? "Conversation log" : "API log"
        printf "%d,%s,%d,%d,%d,%s\n", t, model, request, response, request + response, type
    }
}' > examples/burstgpt-sample.csv

wc -l examples/mooncake-sample.jsonl examples/burstgpt-sample.csv
