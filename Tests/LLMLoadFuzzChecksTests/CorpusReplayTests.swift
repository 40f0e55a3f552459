import Foundation
import LLMLoadCore
import LLMLoadFuzzChecks
import LLMLoadWorkload
import Synchronization
import Testing

@testable import LLMLoadCLI

/// Every input of the fuzz corpus in `Fuzz/corpus/<target>/` (seeds, and what the fuzzer kept
/// for new coverage) through its target's check: each is a regression test of `swift test`,
/// not only of `scripts/fuzz.sh`.
@Suite struct CorpusReplayTests {
    /// `Fuzz/corpus` of this checkout.
    static let corpus = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz/corpus")

    /// The corpus files of `target`, by name.
    static func inputs(_ target: FuzzTarget) throws -> [(name: String, bytes: [UInt8])] {
        let folder = corpus.appendingPathComponent(target.rawValue)
        return try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().map { name in
            (name, Array(try Data(contentsOf: folder.appendingPathComponent(name))))
        }
    }

    /// The scenario file's check with the CLI's own expansion, parsing and validation.
    static func checkScenario(_ bytes: [UInt8]) throws(FuzzFinding) {
        try ScenarioFileCheck.check(bytes, expand: ScenarioFile.expand) { arguments in
            if let run = try LLMLoadCommand.parseAsRoot(arguments) as? RunCommand {
                _ = try run.makeConfiguration(baseURL: nil)
            }
        }
    }

    @Test(arguments: FuzzTarget.allCases)
    func everyCorpusInputPassesItsCheck(target: FuzzTarget) throws {
        let inputs = try Self.inputs(target)
        #expect(inputs.count >= 3, "the corpus of \(target.rawValue) holds \(inputs.count) inputs")
        for (name, bytes) in inputs {
            do throws(FuzzFinding) {
                if let check = target.check { try check(bytes) } else { try Self.checkScenario(bytes) }
            } catch {
                Issue.record("Fuzz/corpus/\(target.rawValue)/\(name): \(error)")
            }
        }
    }

    /// Inputs every parser takes, so an empty corpus folder alone could not make the replay pass.
    @Test func theChecksPassWellFormedInputs() throws {
        let sse = Array("data: {\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}\n\ndata: [DONE]\n\n".utf8)
        try StreamCheck.openAI(sse)
        try StreamCheck.ollama(Array("{\"response\":\"Hi\",\"done\":false}\n{\"done\":true}\n".utf8))
        try ChunkReaderCheck.check(Array("{\"choices\":[]}".utf8))
        try PromptFileCheck.check(Array("  first  \n\nsecond\n".utf8))
        try ProcTextCheck.check(Array("cpu 1 2 3 4 5 6 7 8 0 0\ncpu0 1 2 3 4 5 6 7 8 0 0\n".utf8))
        try Self.checkScenario(Array("qps: 2\nduration: 5s\n".utf8))
        try PrometheusTextCheck.check(Array("# TYPE up gauge\nup 1\n".utf8))
        let traced = Mutex(0)
        try TraceFileCheck.check(Array(Self.trace.utf8)) { text, format, speed, window in
            let trace = try TraceFile.parse(text, path: "t.jsonl", format: format, speed: speed, window: window)
            traced.withLock { $0 += 1 }
            return trace
        }
        #expect(traced.withLock { $0 } > 0, "the check read the trace, not only refusals")
    }

    static let trace =
        #"{"timestamp": 0, "input_length": 10, "output_length": 3}"# + "\n"
        + #"{"timestamp": 2500, "input_length": 7, "output_length": 1, "hash_ids": [1, 2]}"# + "\n"

    /// A reader that broke a replay property is a finding: here entries out of time order.
    @Test func aTraceOutOfOrderIsAFinding() {
        let finding = #expect(throws: FuzzFinding.self) {
            try TraceFileCheck.check(Array(Self.trace.utf8)) { _, format, speed, window in
                Trace(
                    path: "t", format: format ?? .mooncake, speed: speed, window: window,
                    entries: [
                        .init(offset: .zero, inputTokens: 1, outputTokens: 1, line: 1),
                        .init(offset: .seconds(-0.1), inputTokens: 1, outputTokens: 1, line: 2),
                    ])
            }
        }
        #expect(
            finding?.description.contains("line 2 due at -0.1 seconds, before 0.0 seconds") == true,
            "\(String(describing: finding))")
    }

    /// A parser that broke the property is a finding, not a pass: here an expansion that
    /// dropped the command line's own arguments.
    @Test func aScenarioExpansionThatLosesTheCommandLineIsAFinding() {
        #expect(throws: FuzzFinding.self) {
            try ScenarioFileCheck.check(
                Array("qps: 2\n".utf8), expand: { _ in ["run", "--qps", "2"] }, parse: { _ in })
        }
    }
}
