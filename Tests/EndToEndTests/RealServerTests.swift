import Foundation
import LLMLoadCore
import LLMLoadRunner
import LLMLoadTestSupport
import Logging
import Testing

/// Against a real LLM server (llama.cpp's `llama-server`, started by `.ci/run` with
/// `scripts/real-llm-server.sh start`). Skipped unless `LLMLOAD_E2E_URL` is set, so
/// `swift test` stays fast on a developer's machine.
@Suite(
    .serialized, .timeLimit(.minutes(10)),
    .enabled(
        if: RealServer.url != nil,
        "LLMLOAD_E2E_URL is not set: start scripts/real-llm-server.sh and set it to run these"
    )
)
struct RealServerTests {
    /// Removed when the tests end: each run's folder holds a report of megabytes.
    static let output = try! TemporaryFolders.make(prefix: "llmload-e2e")

    func run(
        api: APIKind?, model: String?, streaming: Bool, think: Bool? = nil
    ) async throws -> (LoadRun.Result, [[String: String]]) {
        var requests = RunConfiguration.Requests()
        requests.think = think
        requests.maxOutputTokens = 32
        requests.isStreaming = streaming
        requests.ignoresEndOfSequence = true
        requests.sampling.seed = 1
        let configuration = RunConfiguration(
            target: .init(baseURL: try #require(RealServer.url), api: api, model: model),
            load: .init(profile: .constant(ratePerSecond: 2), duration: .seconds(3), drainTimeout: .seconds(60)),
            requests: requests,
            output: .init(directory: Self.output.path, label: api?.rawValue)
        )
        var logger = Logger(label: "e2e")
        logger.logLevel = .critical
        let result = try await LoadRun(configuration: configuration, logger: logger).run()
        return (result, try RealServer.rows(result.folder))
    }

    @Test func findsTheAPIAndTheModelByItself() async throws {
        let (result, rows) = try await run(api: nil, model: nil, streaming: true)
        #expect(result.summary.runDescription.target.api == "openai-chat")
        #expect(result.summary.runDescription.target.model == "smollm2")
        #expect(rows.count == 6)
        #expect(rows.allSatisfy { $0["outcome"] == "ok" }, "\(rows.map { $0["error"] ?? "" })")
    }

    @Test(arguments: [APIKind.openAIChat, .openAICompletions])
    func streamingFiguresAgreeWithTheServersOwn(api: APIKind) async throws {
        let (result, rows) = try await run(api: api, model: "smollm2", streaming: true)
        #expect(result.summary.requests.byOutcome["ok"] == 6)
        #expect(result.summary.tokens.outputSource == "server")
        for row in rows {
            #expect(row["outcome"] == "ok", "\(row["error"] ?? "")")
            let ttft = try #require(row.number("ttft_ms"))
            let e2e = try #require(row.number("e2e_ms"))
            #expect(ttft > 0 && ttft < e2e)
            #expect(row["output_tokens"] == "32", "ignore_eos with max_tokens 32; counted by the server")
            #expect(row["output_tokens_source"] == "server")
            #expect(row.number("prompt_tokens").map { $0 > 0 } == true)
            let ours = try #require(row.number("decode_tokens_per_s"))
            let theirs = try #require(row.number("server_decode_tokens_per_s"))
            #expect(abs(ours - theirs) / theirs < 0.2, "decode speed \(ours) vs the server's \(theirs) tok/s")
        }
    }

    @Test(arguments: [APIKind.openAIChat, .openAICompletions])
    func nonStreamingRequestsSucceedWithServerCounts(api: APIKind) async throws {
        let (result, rows) = try await run(api: api, model: "smollm2", streaming: false)
        #expect(result.summary.requests.byOutcome["ok"] == 6)
        #expect(result.summary.latency[.timeToFirstToken] == nil, "no first token is seen without streaming")
        for row in rows {
            #expect(row.number("e2e_ms").map { $0 > 0 } == true)
            #expect(row["output_tokens"] == "32")
            #expect(row["output_tokens_source"] == "server")
            #expect(row.number("response_chars").map { $0 > 0 } == true)
        }
    }
}

extension RealServerTests {
    /// `--input-tokens` against llama.cpp: fitted with its `/tokenize`, then every request's
    /// prompt count, as the server reports it, within 2 % of its target.
    @Test(arguments: [APIKind.openAIChat, .openAICompletions])
    func promptsHaveTheLengthAskedForByTheServersOwnCount(api: APIKind) async throws {
        var requests = RunConfiguration.Requests()
        requests.maxOutputTokens = 4
        requests.prompts = .synthetic(.init(length: .uniform(200, 600)))
        let load = RunConfiguration.Load(
            profile: .closedLoop(users: 2, thinkTime: .zero), duration: .seconds(60), maximumRequests: 6)
        let configuration = RunConfiguration(
            target: .init(baseURL: try #require(RealServer.url), api: api, model: "smollm2"), load: load,
            requests: requests, output: .init(directory: Self.output.path, label: "input-\(api.rawValue)"))
        var logger = Logger(label: "e2e")
        logger.logLevel = .critical
        let result = try await LoadRun(configuration: configuration, logger: logger).run()
        let rows = try RealServer.rows(result.folder)
        #expect(rows.count == 6)
        for row in rows {
            #expect(row["outcome"] == "ok", "\(row["error"] ?? "")")
            let target = try #require(row.number("target_prompt_tokens"))
            let counted = try #require(row.number("prompt_tokens"))
            #expect(row["prompt_tokens_source"] == "server")
            #expect(abs(counted - target) <= max(10, target * 0.02), "the server counted \(counted) for \(target)")
        }
        let input = try #require(result.summary.inputTokens)
        #expect(input.withinTolerance == 6 && input.shorterThanTarget == 0)
        #expect(result.summary.runDescription.inputCalibration?.method == "tokenize", "llama-server has POST /tokenize")
    }
}

enum RealServer {
    static var url: String? {
        ProcessInfo.processInfo.environment["LLMLOAD_E2E_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The rows of a run's `requests.csv`.
    static func rows(_ folder: URL) throws -> [[String: String]] {
        try CSVRows.read(folder.appendingPathComponent("requests.csv"))
    }
}
