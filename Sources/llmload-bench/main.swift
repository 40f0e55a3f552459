// llmload-bench: in-process throughput of the client's per-token and per-request code, on the
// calling thread (pin it with `taskset` for a one-core figure). `scripts/bench.sh` runs it
// beside the end-to-end load figures; it is a benchmark to read, never a timed test.
//
//   llmload-bench [--seconds S] [--fixtures DIR]
import Foundation
import LLMLoadBackends
import LLMLoadCore
import LLMLoadReport
import NIOCore

var seconds = 1.0
var fixtures = "Tests/LLMLoadBackendsTests/Fixtures"
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--seconds": seconds = arguments.popFirst().flatMap(Double.init) ?? seconds
    case "--fixtures": fixtures = arguments.popFirst() ?? fixtures
    default:
        FileHandle.standardError.write(Data("usage: llmload-bench [--seconds S] [--fixtures DIR]\n".utf8))
        exit(64)
    }
}

let budget = Duration.milliseconds(Int64(seconds * 1000))
let streams = try FixtureStreams.load(from: URL(fileURLWithPath: fixtures))

let sse = DecoderBenchmark.run(streams.sse, for: budget) { OpenAIStreamDecoder(isStreaming: true) }
print(sse.line(label: "decoder OpenAI SSE    ", files: streams.sse.count))
let ndjson = DecoderBenchmark.run(streams.ndjson, for: budget) { OllamaStreamDecoder() }
print(ndjson.line(label: "decoder Ollama NDJSON ", files: streams.ndjson.count))
let csv = try CSVBenchmark.run(for: budget)
print(csv.line)
