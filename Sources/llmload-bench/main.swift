// llmload-bench: in-process throughput of the client's per-token and per-request code, on the
// calling thread (pin it with `taskset` for a one-core figure). `scripts/bench.sh` runs it
// beside the end-to-end load figures; it is a benchmark to read, never a timed test.
//
//   llmload-bench [--seconds S] [--fixtures DIR] [--only sse|ndjson|observer|fold|csv]
//
// `--only` runs one part, for `perf stat` or `perf record` of that part alone.
import Foundation
import LLMLoadBackends
import LLMLoadCore
import LLMLoadReport
import NIOCore

var seconds = 1.0
var fixtures = "Tests/LLMLoadBackendsTests/Fixtures"
var parts: Set = ["sse", "ndjson", "observer", "fold", "csv"]
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--seconds": seconds = arguments.popFirst().flatMap(Double.init) ?? seconds
    case "--fixtures": fixtures = arguments.popFirst() ?? fixtures
    case "--only" where arguments.first.map(parts.contains) == true: parts = [arguments.popFirst()!]
    default:
        let usage = "usage: llmload-bench [--seconds S] [--fixtures DIR] [--only sse|ndjson|observer|fold|csv]\n"
        FileHandle.standardError.write(Data(usage.utf8))
        exit(64)
    }
}

let budget = Duration.milliseconds(Int64(seconds * 1000))
let streams: FixtureStreams
do {
    streams = try FixtureStreams.load(from: URL(fileURLWithPath: fixtures))
} catch {
    // Run from elsewhere than the repository's root, the default folder is not there.
    let message =
        "llmload-bench: cannot read the captured streams in \(fixtures) (\(error.localizedDescription)); "
        + "run it from the repository's root or pass --fixtures DIR\n"
    FileHandle.standardError.write(Data(message.utf8))
    exit(66)
}

if parts.contains("sse") {
    let sse = DecoderBenchmark.run(streams.sse, for: budget) { OpenAIStreamDecoder(isStreaming: true) }
    print(sse.line(label: "decoder OpenAI SSE    ", files: streams.sse.count))
}
if parts.contains("ndjson") {
    let ndjson = DecoderBenchmark.run(streams.ndjson, for: budget) { OllamaStreamDecoder() }
    print(ndjson.line(label: "decoder Ollama NDJSON ", files: streams.ndjson.count))
}
if parts.contains("observer") {
    for eventsPerRead in [1, 10] {
        let observed = ObserverBenchmark.run(streams.sse, eventsPerRead: eventsPerRead, for: budget)
        print(observed.line(eventsPerRead: eventsPerRead))
    }
}
if parts.contains("fold") {
    for tokensPerRead in [1, 10] {
        print(FoldBenchmark.run(tokensPerRead: tokensPerRead, for: budget).line(tokensPerRead: tokensPerRead))
    }
}
if parts.contains("csv") {
    let csv = try CSVBenchmark.run(for: budget)
    print(csv.line)
}
