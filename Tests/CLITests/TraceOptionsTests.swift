import ArgumentParser
import Foundation
import LLMLoadCore
import Testing

@testable import LLMLoadCLI

/// `--trace` and its settings: what reaches the configuration, and what is refused before any
/// load is sent.
@Suite struct TraceOptionsTests {
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../examples").standardized
    let mooncake = examples.appendingPathComponent("mooncake-sample.jsonl").path
    let burstGPT = examples.appendingPathComponent("burstgpt-sample.csv").path

    private func message(_ arguments: [String]) -> String? {
        do {
            _ = try RunCommand.parse(arguments).makeConfiguration(baseURL: "http://h")
            return nil
        } catch {
            return RunCommand.message(for: error)
        }
    }

    @Test func aTraceIsTheLoadItsPromptsAndItsEnd() throws {
        let configuration = try RunCommand.parse([
            "--trace", mooncake, "--trace-speed", "2", "--trace-window", "10s-40s", "--trace-block-tokens", "256",
            "--corpus", "c.txt", "--input-seed", "7", "--max-in-flight", "8",
        ]).makeConfiguration(baseURL: "http://h")
        let trace = try #require(configuration.load.trace)
        #expect(trace.format == .mooncake && trace.speed == 2 && trace.blockTokens == 256)
        #expect(trace.window == Trace.Window(start: .seconds(10), end: .seconds(40)))
        #expect(trace.entries.allSatisfy { $0.offset < .seconds(15) } && trace.fileEntries == 300)
        #expect(configuration.load.duration == trace.span + .milliseconds(1), "the run ends with the trace")
        #expect(configuration.load.maximumInFlight == 8)
        #expect(configuration.requests.prompts == .trace(.init(corpusFile: "c.txt", seed: 7)))
        #expect(configuration.fittedInputTokens == trace.inputTokenBounds)
        let description = RunDescription.Load(configuration: configuration.load)
        #expect(description.pattern == "trace@mooncake-sample.jsonl(x2.0)")
        #expect(description.trace == RunDescription.Load.TracePart(trace))
        #expect(description.trace?.windowStartS == 10 && description.trace?.entries == trace.entries.count)
    }

    @Test func aGivenDurationEndsTheReplayAndABurstGPTFileIsRead() throws {
        let configuration = try RunCommand.parse(["--trace", burstGPT, "--duration", "30s", "--requests", "20"])
            .makeConfiguration(baseURL: "http://h")
        #expect(configuration.load.trace?.format == .burstGPT)
        #expect(configuration.load.duration == .seconds(30) && configuration.load.maximumRequests == 20)
        #expect(configuration.requests.prompts == .trace(.init()))
        // Without a trace the duration's default is still 10 s.
        #expect(try RunCommand.parse([]).makeConfiguration(baseURL: "http://h").load.duration == .seconds(10))
    }

    /// `run --help`'s own example: each entry's answer length goes into its request, so
    /// `--ignore-eos` needs no `--max-tokens` beside a trace (it once refused the example).
    @Test func aTraceWithIgnoreEOSAsksEachEntrysOwnLength() throws {
        let configuration = try RunCommand.parse(["--trace", burstGPT, "--trace-window", "0s-60s", "--ignore-eos"])
            .makeConfiguration(baseURL: "http://h")
        #expect(configuration.requests.ignoresEndOfSequence)
        #expect(configuration.requests.maxOutputTokens == nil)
        #expect(try #require(configuration.load.trace).entries.isEmpty == false)
        #expect(message(["--ignore-eos"])?.contains("--ignore-eos needs --max-tokens") == true)
    }

    @Test func shardsSplitATrace() throws {
        let start = String(Date().addingTimeInterval(60).timeIntervalSince1970)
        let configuration = try RunCommand.parse(["--trace", mooncake, "--shard", "1/3", "--start-at", start])
            .makeConfiguration(baseURL: "http://h")
        #expect(configuration.load.coordination?.shard == (try Shard(parsing: "1/3")))
    }

    @Test(arguments: [
        (["--trace", "t.jsonl", "--qps", "5"], "--trace and --qps exclude each other"),
        (["--trace", "t.jsonl", "--arrival", "poisson"], "--trace and --arrival exclude each other"),
        (["--trace", "t.jsonl", "--ramp", "1-5/10s"], "--trace and --ramp exclude each other"),
        (["--trace", "t.jsonl", "--concurrency", "4"], "--trace and --concurrency exclude each other"),
        (["--trace", "t.jsonl", "--warmup", "5s"], "--trace and --warmup exclude each other"),
        (["--trace", "t.jsonl", "--input-tokens", "100"], "--trace and --input-tokens exclude each other"),
        (["--trace", "t.jsonl", "--prompt", "hi"], "--trace and --prompt exclude each other"),
        (["--trace-speed", "2"], "--trace-speed needs --trace"),
        (["--trace-window", "1m-2m"], "--trace-window needs --trace"),
        (["--trace-block-tokens", "64"], "--trace-block-tokens needs --trace"),
        (["--trace", "t.jsonl", "--trace-speed", "0"], "--trace-speed must be a positive number"),
        (["--trace", "t.jsonl", "--trace-speed", "nan"], "--trace-speed must be a positive number"),
        (["--trace", "t.jsonl", "--trace-window", "20m-10m"], "--trace-window takes START-END"),
        (["--trace", "t.jsonl", "--trace-block-tokens", "0"], "--trace-block-tokens must be at least 1"),
        (["--corpus", "c.txt"], "--corpus needs --input-tokens or --trace"),
        (["--input-seed", "3"], "--input-seed needs --input-tokens or --trace"),
    ])
    func badCombinationsAreRefused(arguments: [String], expected: String) {
        let message = message(arguments)
        #expect(message?.contains(expected) == true, "got: \(message ?? "no error")")
    }

    @Test func badFilesAreRefusedWithTheirLineBeforeAnyLoad() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("llmload-trace-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let bad = folder.appendingPathComponent("bad.jsonl")
        try "{\"timestamp\": 0, \"input_length\": 10, \"output_length\": 5}\n{\"timestamp\": 5}\n"
            .write(to: bad, atomically: true, encoding: .utf8)
        let empty = folder.appendingPathComponent("empty.csv")
        try "Timestamp,Model,Request tokens,Response tokens,Total tokens,Log Type\n"
            .write(to: empty, atomically: true, encoding: .utf8)
        for (arguments, expected) in [
            (["--trace", bad.path], "the trace \(bad.path), line 2: no input_length"),
            (["--trace", empty.path], "the trace \(empty.path) has no entries"),
            (["--trace", folder.appendingPathComponent("none.jsonl").path], "cannot read the trace"),
            (["--trace", mooncake, "--trace-window", "2h-3h"], "--trace-window 7200s-10800s holds no entry"),
        ] {
            let message = message(arguments)
            #expect(message?.contains(expected) == true, "got: \(message ?? "no error")")
        }
    }

    @Test func aScenarioFileReplaysATrace() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "llmload-trace-\(UUID().uuidString).yaml")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data("trace: \(burstGPT)\ntrace-speed: 3\ntrace_window: 1m-3m\nmax-in-flight: 4\n".utf8).write(to: url)
        let arguments = try ScenarioFile.expand(["run", "-f", url.path])
        let load = try RunCommand.parse(Array(arguments.dropFirst())).makeConfiguration(baseURL: "http://h").load
        let trace = try #require(load.trace)
        #expect(trace.format == .burstGPT && trace.speed == 3 && load.maximumInFlight == 4)
        #expect(trace.window == Trace.Window(start: .seconds(60), end: .seconds(180)))
        #expect(trace.entries.first?.offset ?? .seconds(99) < .seconds(3) && trace.span <= .seconds(40))
    }

    @Test func aSweepRefusesATraceAndItsScenarioKeysAreLeftToRun() throws {
        do {
            _ = try SweepCommand.parse(["--simulate", "--rates", "1-4", "--trace", mooncake])
            Issue.record("a sweep accepted --trace")
        } catch {
            #expect(SweepCommand.message(for: error).contains("--trace is not a sweep option"))
        }
        #expect(ScenarioFile.runLoadKeys.isSuperset(of: ["trace", "trace-speed", "trace-window", "trace_window"]))
        #expect(OptionNames.run.valued.isSuperset(of: ["trace", "trace-speed", "trace-window", "trace-block-tokens"]))
    }
}
