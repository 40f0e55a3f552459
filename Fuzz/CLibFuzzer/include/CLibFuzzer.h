// libFuzzer's entry point for a program with a main of its own
// (https://llvm.org/docs/LibFuzzer.html#using-libfuzzer-as-a-library). SwiftPM renames an
// executable's main on Linux (so tests can link it) and points `main` at it, which leaves
// libFuzzer's own main unused: each fuzz target's main.swift calls this instead.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
