import Foundation
import LLMLoadCore
import LLMLoadMetrics
import LLMLoadRunner
import LLMLoadTestSupport
import Testing

extension Integration {
    /// The socket-level fault matrix (issue 14): every ``ServerFault`` against both API
    /// families, each a short bounded run in-process. For each: the outcome recorded (the one
    /// the code below expects, and the one `docs/reliability.md` states), no crash, no retry,
    /// and every output file complete and consistent with the number of requests dispatched.
    ///
    /// The waits are llmload's own: a fault that would hang ends at `--timeout` (0.5 s here),
    /// so no case takes more than about a second (the 64 MiB line: its transfer).
    @Suite
    struct FaultMatrixTests {
        @Test(arguments: FaultServer.API.allCases, ServerFault.allCases)
        func eachFaultIsRecordedAsDocumentedWithEveryOutputComplete(api: FaultServer.API, fault: ServerFault)
            async throws
        {
            let expected = try #require(FaultExpectation.all[fault])
            let run = try await FaultRun.perform(api: api, fault: fault)
            defer { run.harness.cleanUp() }
            let rows = try run.harness.rows(of: run.result)

            #expect(rows.count == expected.requests, "one row per request dispatched")
            #expect(run.result.summary.requests.total == expected.requests)
            for row in rows {
                #expect(row["outcome"] == expected.outcome.rawValue, "\(row["error"] ?? "")")
                let error = row["error"] ?? ""
                #expect(error.hasPrefix(expected.errorPrefix), "error: \(error)")
                if expected.outcome == .ok { #expect(error.isEmpty) }
                if let status = expected.httpStatus { #expect(row["http_status"] == String(status)) }
            }
            #expect(
                run.result.summary.requests.byOutcome.filter { $0.value > 0 } == [
                    expected.outcome.rawValue: expected.requests
                ])
            #expect(
                run.generationRequests == (fault == .refuse ? 0 : expected.requests),
                "each request reached the server once: nothing was resent or retried")

            let documented = try ReliabilityTable.load().rows[fault.rawValue]
            #expect(documented?.outcome[api] == expected.outcome, "docs/reliability.md states what is recorded")
            #expect(documented?.errorPrefix == expected.errorPrefix, "docs/reliability.md states the error recorded")
            try FaultRun.expectCompleteOutputs(run.result, harness: run.harness, rows: rows)
            if fault == .absurdNumbers { FaultRun.expectSaneNumbers(rows, summary: run.result.summary) }
        }

        /// Every fault at once, one a request: each row gets its own request's outcome (the
        /// server picks the fault by the index in `X-Request-Id`), so failures neither leak into
        /// nor hide other requests, and the outputs still count every request once.
        @Test(arguments: FaultServer.API.allCases)
        func oneRunWithEveryFaultGivesEachRequestItsOwnOutcome(api: FaultServer.API) async throws {
            // `refuse` is the whole server's. `absurd_numbers` beside other requests' prompt
            // counts once crashed the run (`absurdTokenCountsBesideOthersDoNotCrashTheRun`).
            let script = ServerFault.allCases.filter { $0 != .refuse }
            let run = try await FaultRun.perform(
                api: api, script: script, requests: script.count, rate: 50, timeout: .seconds(2))
            let (harness, result, reached) = (run.harness, run.result, run.generationRequests)
            defer { harness.cleanUp() }
            let rows = try harness.rows(of: result)
            #expect(rows.count == script.count)
            #expect(reached == script.count, "each request reached the server once")
            for row in rows {
                let fault = try #require(row.number("index").map { script[Int($0)] })
                let expected = try #require(FaultExpectation.all[fault])
                #expect(row["outcome"] == expected.outcome.rawValue, "\(fault.rawValue): \(row["error"] ?? "")")
                #expect(row["error"]?.hasPrefix(expected.errorPrefix) == true, "\(fault.rawValue)")
            }
            let outcomes = Dictionary(grouping: script) { FaultExpectation.all[$0]?.outcome.rawValue ?? "" }
            #expect(result.summary.requests.byOutcome.filter { $0.value > 0 } == outcomes.mapValues(\.count))
            try FaultRun.expectCompleteOutputs(result, harness: harness, rows: rows)
        }

        /// `Int64.max` output tokens on one request and a prompt count on another: the summary's
        /// total tokens must saturate, not trap (it once trapped in `totalTokensPerS`, losing
        /// summary.json and the report). Run in a child process (an exit test), so a trap fails
        /// this test rather than taking the test process down. The same run without the absurd
        /// request is the control: it shows the child itself works.
        @Test func absurdTokenCountsBesideOthersDoNotCrashTheRun() async {
            await #expect(processExitsWith: .success) {
                let run = try await FaultRun.perform(
                    api: .ollama, script: [.wellFormed], requests: 2, timeout: .seconds(30))
                defer { run.harness.cleanUp() }
                try #require(run.result.summary.tokens.outputTotal == 6)
            }
            await #expect(processExitsWith: .success) {
                let run = try await FaultRun.perform(
                    api: .ollama, script: [.absurdNumbers, .wellFormed], requests: 2, timeout: .seconds(30))
                defer { run.harness.cleanUp() }
                // A failed requirement throws, which fails the child process.
                try #require(run.result.summary.tokens.outputTotal == Int.max)
                try #require(run.result.summary.tokens.promptTotal == 4)
            }
        }

        @Test func theReliabilityTableListsEveryFaultOfTheMatrixAndNothingElse() throws {
            let table = try ReliabilityTable.load()
            #expect(Set(table.rows.keys) == Set(ServerFault.allCases.map(\.rawValue)))
            for fault in ServerFault.allCases {
                let expected = try #require(FaultExpectation.all[fault])
                let row = try #require(table.rows[fault.rawValue])
                for api in FaultServer.API.allCases {
                    #expect(row.outcome[api] == expected.outcome, "\(fault.rawValue) \(api.rawValue)")
                }
                #expect(row.errorPrefix == expected.errorPrefix, "\(fault.rawValue)")
                #expect(!row.bound.isEmpty, "\(fault.rawValue) states its bound")
            }
        }
    }
}

/// What llmload must record for one fault (the same for both API families).
struct FaultExpectation: Sendable {
    var outcome: RequestOutcome
    /// The start of every row's `error` cell; empty for `ok`.
    var errorPrefix: String
    var httpStatus: Int?
    /// Requests the run dispatches.
    var requests = 2
    /// `--timeout` for the run: short where the fault would otherwise wait for ever.
    var timeout: Duration = .seconds(10)

    static let all: [ServerFault: FaultExpectation] = [
        .wellFormed: .init(outcome: .ok, errorPrefix: ""),
        .refuse: .init(outcome: .connectionError, errorPrefix: "connection refused"),
        .neverAnswer: .init(outcome: .timeout, errorPrefix: timedOut, timeout: hang),
        .slowHeaders: .init(outcome: .timeout, errorPrefix: timedOut, timeout: hang),
        .headThenStall: .init(outcome: .timeout, errorPrefix: timedOut, timeout: hang),
        .resetMidStream: .init(outcome: .connectionError, errorPrefix: "connection reset by peer"),
        .closeBeforeTerminator: .init(outcome: .streamError, errorPrefix: "stream ended without its terminator"),
        .cutMidBody: .init(outcome: .connectionError, errorPrefix: "server closed the connection mid-response"),
        .invalidUTF8Split: .init(outcome: .streamError, errorPrefix: "malformed response line:"),
        .hugeLine: .init(
            outcome: .streamError, errorPrefix: "response line longer than", requests: 1, timeout: .seconds(30)),
        .streamForever: .init(outcome: .timeout, errorPrefix: timedOut, timeout: hang),
        .errorUnder200: .init(outcome: .streamError, errorPrefix: "server error in stream: fault: model crashed"),
        .tooManyRequests: .init(outcome: .httpError, errorPrefix: "HTTP 429: fault: rate limited", httpStatus: 429),
        .serviceUnavailable: .init(outcome: .httpError, errorPrefix: "HTTP 503: fault: overloaded", httpStatus: 503),
        .closeDelimitedHTTP10: .init(outcome: .ok, errorPrefix: ""),
        .absurdNumbers: .init(outcome: .ok, errorPrefix: ""),
    ]

    private static let timedOut = "no complete response within the request timeout"
    private static let hang = Duration.milliseconds(500)
}

/// One run of the matrix: a fault server, a bounded load against it, what came back.
struct FaultRun {
    var harness: RunHarness
    var result: LoadRun.Result
    var generationRequests: Int

    /// - Parameter timeout: `--timeout`, when not the fault's own.
    static func perform(api: FaultServer.API, fault: ServerFault, timeout: Duration? = nil) async throws -> FaultRun {
        let expected = try #require(FaultExpectation.all[fault])
        return try await perform(
            api: api, script: [fault], requests: expected.requests, timeout: timeout ?? expected.timeout)
    }

    /// A run of `requests` requests against a server that plays `script[i % script.count]` on
    /// request *i*. The caller cleans up the harness.
    static func perform(
        api: FaultServer.API, script: [ServerFault], requests: Int, rate: Double = 20, timeout: Duration
    ) async throws -> FaultRun {
        let harness = RunHarness()
        return try await FaultServer.withServer(api: api, faults: script) { server in
            let configuration = harness.configuration(
                baseURL: server.baseURL, api: api == .ollama ? .ollamaGenerate : .openAIChat, rate: rate,
                duration: .seconds(1), model: FaultServer.model, maximumRequests: requests, timeout: timeout,
                drainTimeout: .seconds(40))
            let result = try await harness.run(configuration)
            return FaultRun(harness: harness, result: result, generationRequests: server.generationRequests)
        }
    }

    /// Every output exists, parses, and counts the same requests as `requests.csv`.
    static func expectCompleteOutputs(
        _ result: LoadRun.Result, harness: RunHarness, rows: [[String: String]]
    ) throws {
        #expect(result.writeFailures.isEmpty, "\(result.writeFailures)")
        let files = try harness.filesWritten(by: result)
        #expect(
            Set(files.keys) == [
                "config.json", "requests.csv", "responses.jsonl", "responses.txt", "timeseries.csv", "summary.json",
                "report.html", "server_metrics.jsonl",
            ])
        #expect(files["responses.jsonl"]?.split(separator: "\n").count == rows.count)
        let summary = try JSONSerialization.jsonObject(with: harness.summaryOnDisk(of: result)) as? [String: Any]
        let requests = summary?["requests"] as? [String: Any]
        #expect(requests?["total"] as? Int == rows.count, "summary.json counts every row")
        let series = try CSVRows.read(result.folder.appendingPathComponent("timeseries.csv"))
        let ended = series.reduce(0) { $0 + Int($1.number("completed") ?? 0) + Int($1.number("failed") ?? 0) }
        #expect(ended == rows.count, "timeseries.csv ends every request once")
        #expect(files["report.html"]?.contains("</html>") == true, "report.html is complete")
    }

    /// Absurd counts, durations and rates from the server never put an infinity or a NaN in a
    /// file, nor a negative number (a count, duration or rate cannot be below zero). Huge but
    /// finite values (`Int64.max` tokens, 1e308 tokens/s) are kept as the server sent them.
    static func expectSaneNumbers(_ rows: [[String: String]], summary: RunSummary) {
        let columns = [
            "output_tokens", "prompt_tokens", "decode_tokens_per_s", "tpot_ms", "server_total_duration_ms",
            "server_load_duration_ms", "server_prompt_eval_duration_ms", "server_eval_duration_ms",
            "server_decode_tokens_per_s", "server_prompt_tokens_per_s", "answer_tokens", "thinking_tokens",
            "answer_decode_tokens_per_s",
        ]
        let cells = rows.flatMap { row in columns.map { ($0, row[$0] ?? "") } }.filter { !$0.1.isEmpty }
        for (column, cell) in cells {
            #expect(Double(cell)?.isFinite == true, "\(column) = \(cell)")
        }
        // Two requests of `Int64.max` tokens: the sum saturates rather than trapping; negative
        // prompt counts are left out of it.
        #expect(summary.tokens.outputTotal == Int.max)
        #expect(summary.tokens.promptTotal == 0, "tokens.prompt_total = \(summary.tokens.promptTotal)")
        // A negative count, duration or rate is no measurement: it is left out, never written.
        for (column, cell) in cells {
            #expect(!cell.hasPrefix("-"), "\(column) = \(cell)")
        }
    }
}
