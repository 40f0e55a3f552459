import Foundation
import LLMLoadCore
import LLMLoadReport
import LLMLoadRunner
import LLMLoadSimulator
import LLMLoadTestSupport
import Testing

/// Headless Chromium, if this machine has it. CI sets `LLMLOAD_REQUIRE_BROWSER=1`, so there a
/// missing browser fails the browser test instead of skipping it.
enum Browser {
    static let path: String? = {
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["LLMLOAD_CHROMIUM"] { return path }
        let folders = (environment["PATH"] ?? "/usr/bin").split(separator: ":")
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            for folder in folders where FileManager.default.isExecutableFile(atPath: "\(folder)/\(name)") {
                return "\(folder)/\(name)"
            }
        }
        return nil
    }()

    static let isRequired = ProcessInfo.processInfo.environment["LLMLOAD_REQUIRE_BROWSER"] == "1"

    /// The page's DOM after its scripts ran, loaded with every host name unresolvable, so a
    /// page that needed the network would show it.
    static func dumpDOM(of file: URL) throws -> String {
        let browser = try #require(path, "no Chromium found: apt-get install -y chromium (or set LLMLOAD_CHROMIUM)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: browser)
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--host-resolver-rules=MAP * ~NOTFOUND",
            "--virtual-time-budget=15000", "--dump-dom", file.absoluteString,
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// How many charts `page` drew, after checking that it drew every chart it meant to and no
    /// script error happened (`charts.js` leaves the verdict on `<body>`).
    static func chartsDrawn(
        in page: URL, _ comment: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> Int {
        let body = bodyAttributes(try dumpDOM(of: page))
        #expect(body["data-status"] == "ok", "\(comment): \(body)", sourceLocation: sourceLocation)
        #expect(body["data-errors"] == "", sourceLocation: sourceLocation)
        let expected = Int(body["data-charts-expected"] ?? "") ?? 0
        #expect(body["data-charts-drawn"] == String(expected), sourceLocation: sourceLocation)
        return expected
    }

    /// The `data-*` attributes the report's script leaves on `<body>`.
    static func bodyAttributes(_ dom: String) -> [String: String] {
        guard let start = dom.range(of: "<body"), let end = dom[start.upperBound...].firstIndex(of: ">") else {
            return [:]
        }
        let tag = String(dom[start.upperBound..<end])
        var attributes: [String: String] = [:]
        let regex = try! NSRegularExpression(pattern: #"([a-z-]+)="([^"]*)""#)
        for match in regex.matches(in: tag, range: NSRange(tag.startIndex..., in: tag)) {
            if let name = Range(match.range(at: 1), in: tag), let value = Range(match.range(at: 2), in: tag) {
                attributes[String(tag[name])] = String(tag[value])
            }
        }
        return attributes
    }
}

extension Integration {
    @Suite struct ReportTests {
        /// A short run with warm-up and failures, so every part of the report has something.
        func runWithEverything(_ harness: RunHarness) async throws -> LoadRun.Result {
            var simulator = simulatorConfiguration(ttftMilliseconds: 40, itlMilliseconds: 4, outputTokens: 12)
            simulator.fault = FaultInjection(.httpError, rate: 0.2, seed: 7)
            return try await withSimulator(simulator) { baseURL, _ in
                var configuration = harness.configuration(baseURL: baseURL, rate: 20, duration: .seconds(2))
                configuration.load.warmup = .requests(5)
                configuration.requests.prompts = .given(
                    .init(origin: .fixed("Say <script>alert('x')</script> in \"quotes\", 请用中文回答。")))
                return try await harness.run(configuration)
            }
        }

        @Test func aRunWritesEveryFileAndTheReportShowsIt() async throws {
            let harness = RunHarness()
            defer { harness.cleanUp() }
            let result = try await runWithEverything(harness)
            let files = try harness.filesWritten(by: result)
            let rows = try harness.rows(of: result)
            let entries = try #require(files["responses.jsonl"]).split(separator: "\n").map {
                try JSONDecoder().decode(ResponseEntry.self, from: Data($0.utf8))
            }
            #expect(entries.count == rows.count)
            #expect(entries.map(\.index) == rows.map { Int($0["index"]!)! })
            #expect(
                entries.allSatisfy { $0.prompt.hasSuffix("Say <script>alert('x')</script> in \"quotes\", 请用中文回答。") })
            // Every prompt starts with a tag of its own, so no server cache can match two.
            #expect(Set(entries.map(\.prompt)).count == entries.count)
            #expect(entries.filter { $0.outcome == "ok" }.allSatisfy { !$0.response.isEmpty })
            #expect(entries.filter { $0.phase == "warmup" }.count == 5)
            let failures = entries.filter { $0.outcome == "http_error" && $0.phase == "measure" }
            #expect(!failures.isEmpty)
            #expect(failures.count == result.summary.requests.byOutcome["http_error"])
            let config = try RunDescription.decode(Data(try #require(files["config.json"]).utf8))
            #expect(config.target.model == "llmload-sim")
            #expect(config.load.warmupRequests == 5)
            #expect(config.host.cpuCount == ProcessInfo.processInfo.processorCount)
            let report = try #require(files["report.html"])
            let escaped = report.contains("Say &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; in &quot;quotes&quot;")
            #expect(escaped)
            #expect(report.count < 10_000_000)
        }

        @Test(
            .enabled(
                if: Browser.path != nil || Browser.isRequired,
                "needs Chromium (LLMLOAD_REQUIRE_BROWSER=1 makes it required)"))
        func everyChartDrawsInARealBrowserWithoutTheNetwork() async throws {
            let harness = RunHarness()
            defer { harness.cleanUp() }
            let result = try await runWithEverything(harness)
            for language in ReportLanguage.allCases {
                let page = try ReportRenderer.render(
                    folder: result.folder, language: language,
                    output: result.folder.appendingPathComponent("report-\(language.rawValue).html"))
                // Rate, latency, tokens, two outcome charts and five distributions at least.
                #expect(try Browser.chartsDrawn(in: page, "\(language)") >= 10)
            }
        }

        @Test(
            .enabled(
                if: Browser.path != nil || Browser.isRequired,
                "needs Chromium (LLMLOAD_REQUIRE_BROWSER=1 makes it required)"))
        func everyComparisonChartDrawsInARealBrowserWithoutTheNetwork() async throws {
            let harness = RunHarness()
            defer { harness.cleanUp() }
            let folders = [try await runWithEverything(harness).folder, try await runWithEverything(harness).folder]
            let comparison = RunComparison(runs: try folders.map { try ComparedRun.load(folder: $0) })
            for language in ReportLanguage.allCases {
                let page = try ComparisonRenderer.render(
                    comparison, language: language, folder: harness.output.appendingPathComponent(language.rawValue))
                // Seven overlaid CDFs (TTFT, E2E, ITL, TPOT, decode speed, and the simulated Ollama's
                // own decode speed and the client overhead beside its durations) and four time series.
                #expect(try Browser.chartsDrawn(in: page, "\(language)") == 11)
            }
        }
    }
}
