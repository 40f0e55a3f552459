import Foundation
import LLMLoadBackends
import LLMLoadTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension Timing {
    /// Real signals sent to a child `llmload` process (the built binary beside the test bundle),
    /// in every phase of a run, and the plain exchange of discovery against a server that
    /// stalls mid-body.
    @Suite(.enabled(if: BuiltBinary.llmload != nil, BuiltBinary.missing))
    struct SignalTests {
        @Test func ctrlCDuringTheLoadDrainsWritesEverythingAndExits130() async throws {
            let child = try ChildRun(["--simulate", "--qps", "5", "--duration", "60"])
            defer { child.end() }
            try await child.waitForLoad()
            try await Task.sleep(for: .milliseconds(500))
            child.send(SIGINT)
            let status = try await child.exitStatus(within: .seconds(30))
            #expect(status == 130)
            let run = try child.summaryRun()
            #expect(run["interrupted"] as? Bool == true)
            #expect(run["stop_reason"] as? String == "interrupted")
            #expect(run["drain_cancelled_in_flight"] as? Bool == false)
            #expect(child.folderFiles.contains("report.html"))
        }

        /// Sending already ended on its own (the duration); two Ctrl-C during the drain cancel the
        /// slow requests, and the run must still read as interrupted.
        @Test func secondCtrlCDuringTheDrainCancelsAndTheRunReadsInterrupted() async throws {
            // Each answer takes 128 × 200 ms = 25.6 s: only the second Ctrl-C ends the drain early.
            let child = try ChildRun(["--simulate", "--qps", "5", "--duration", "1", "--itl-ms", "200"])
            defer { child.end() }
            try await child.waitForLoad()
            try await Task.sleep(for: .seconds(2))
            child.send(SIGINT)
            try await Task.sleep(for: .milliseconds(300))
            child.send(SIGINT)
            let status = try await child.exitStatus(within: .seconds(20))
            #expect(status == 130)
            let run = try child.summaryRun()
            #expect(run["interrupted"] as? Bool == true)
            #expect(run["stop_reason"] as? String == "interrupted")
            #expect(run["drain_cancelled_in_flight"] as? Bool == true)
        }

        @Test func sigtermDrainsForTheTermGraceThenCancelsAndWritesEverything() async throws {
            let child = try ChildRun([
                "--simulate", "--qps", "5", "--duration", "60", "--itl-ms", "200", "--term-grace", "1s",
            ])
            defer { child.end() }
            try await child.waitForLoad()
            try await Task.sleep(for: .milliseconds(500))
            let sent = ContinuousClock.now
            child.send(SIGTERM)
            let status = try await child.exitStatus(within: .seconds(20))
            #expect(status == 130)
            // The answers take 25.6 s: ending this soon means the grace, not the drain, ended it.
            #expect(ContinuousClock.now - sent < .seconds(15))
            let run = try child.summaryRun()
            #expect(run["interrupted"] as? Bool == true)
            #expect(run["drain_cancelled_in_flight"] as? Bool == true)
            #expect(child.folderFiles.contains("report.html"))
        }

        @Test func ctrlCDuringDiscoveryEndsAtOnceWithoutARunFolder() async throws {
            try await StallingServer.withServer { server in
                let child = try ChildRun([
                    "--url", "http://127.0.0.1:\(server.port)", "--model", "m", "--qps", "1", "--duration", "5",
                ])
                defer { child.end() }
                let deadline = ContinuousClock.now + .seconds(60)
                while server.requestsReceived == 0 && ContinuousClock.now < deadline {
                    try await Task.sleep(for: .milliseconds(50))
                }
                #expect(server.requestsReceived > 0, "llmload never asked the stalling server")
                try await Task.sleep(for: .milliseconds(300))
                child.send(SIGINT)
                let status = try await child.exitStatus(within: .seconds(5))
                #expect(status == 130)
                #expect(child.standardError.contains("interrupted before the load started"))
                let runFolders = (try? FileManager.default.contentsOfDirectory(atPath: child.output.path)) ?? []
                #expect(runFolders.isEmpty, "no run folder before the load: \(runFolders)")
            }
        }

        /// The model name is the server's: its escape sequences must reach the terminal escaped.
        @Test func theConsoleShowsServerTextWithItsControlCharactersEscaped() async throws {
            let child = try ChildRun([
                "--simulate", "--simulated-model", "evil\u{1B}]0;pwned\u{07}\u{1B}[2J", "--requests", "1",
                "--duration", "5", "--itl-ms", "1",
            ])
            defer { child.end() }
            let status = try await child.exitStatus(within: .seconds(60))
            #expect(status == 0)
            let output = child.standardOutput
            #expect(output.contains("evil\\u{1B}]0;pwned\\u{7}\\u{1B}[2J"), "\(output)")
            #expect(!output.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
        }

        @Test func discoveryAgainstAServerStallingMidBodyEndsAtTheTimeout() async throws {
            try await StallingServer.withServer { server in
                try await HTTPInferenceClient.withClient(configuration: .init(maximumConnections: 4)) { client in
                    let start = ContinuousClock.now
                    await #expect(throws: PlainExchangeError.timedOut(.milliseconds(500))) {
                        _ = try await client.get(
                            "http://127.0.0.1:\(server.port)/api/version", timeout: .milliseconds(500))
                    }
                    #expect(ContinuousClock.now - start < .seconds(5))
                }
            }
        }

        @Test func aPlainExchangeRefusesABodyOverItsLimit() async throws {
            _ = try await StallingServer.withServer { server in
                try await HTTPInferenceClient.withClient(configuration: .init(maximumConnections: 4)) { client in
                    // The head announces 100 bytes: over a 10-byte limit, refused without waiting.
                    await #expect(throws: PlainExchangeError.tooLarge(limit: 10)) {
                        _ = try await client.get(
                            "http://127.0.0.1:\(server.port)/api/version", timeout: .seconds(30), limit: 10)
                    }
                }
            }
        }

        @Test func aStalledPlainExchangeEndsWhenItsTaskIsCancelled() async throws {
            try await StallingServer.withServer { server in
                try await HTTPInferenceClient.withClient(configuration: .init(maximumConnections: 4)) { client in
                    let exchange = Task {
                        try await client.get("http://127.0.0.1:\(server.port)/api/version", timeout: .seconds(600))
                    }
                    let deadline = ContinuousClock.now + .seconds(10)
                    while server.requestsReceived == 0 && ContinuousClock.now < deadline {
                        try await Task.sleep(for: .milliseconds(20))
                    }
                    let start = ContinuousClock.now
                    exchange.cancel()
                    _ = await exchange.result
                    #expect(ContinuousClock.now - start < .seconds(5))
                }
            }
        }
    }
}

/// The built `llmload` beside the test bundle (`.build/<configuration>/llmload`).
enum BuiltBinary {
    static let missing: Comment =
        "skipped: no built llmload beside the test bundle (swift build --build-tests builds it)"

    /// `nil` if it is not there.
    static let llmload: URL? = {
        let directories = [
            Bundle.main.bundleURL,
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
        ]
        return
            directories
            .map { $0.appendingPathComponent("llmload") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()
}

/// A child `llmload run` whose standard output and error go to files, with its output folder.
private final class ChildRun {
    let process: Process
    let output: URL
    private let logs: URL

    init(_ arguments: [String]) throws {
        guard let binary = BuiltBinary.llmload else { throw CocoaError(.fileNoSuchFile) }
        let base = try TemporaryFolders.make(prefix: "llmload-sig")
        output = base.appendingPathComponent("results")
        logs = base
        let stdout = base.appendingPathComponent("stdout.txt")
        let stderr = base.appendingPathComponent("stderr.txt")
        _ = FileManager.default.createFile(atPath: stdout.path, contents: nil)
        _ = FileManager.default.createFile(atPath: stderr.path, contents: nil)
        process = Process()
        process.executableURL = binary
        process.arguments = ["run"] + arguments + ["--output", output.path, "--quiet"]
        process.standardOutput = try FileHandle(forWritingTo: stdout)
        process.standardError = try FileHandle(forWritingTo: stderr)
        try process.run()
    }

    func send(_ signal: Int32) { kill(process.processIdentifier, signal) }

    /// Waits until the run folder has its config.json: the load has started.
    func waitForLoad() async throws {
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            if folderFiles.contains("config.json") { return }
            guard process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("the load never started: \(standardError)")
    }

    /// The exit status, or `nil` (and the child killed) if it is still running after `limit`.
    func exitStatus(within limit: Duration) async throws -> Int32? {
        let deadline = ContinuousClock.now + limit
        while process.isRunning && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        guard !process.isRunning else {
            Issue.record("still running \(limit) after the signal: \(standardError)")
            end()
            return nil
        }
        return process.terminationStatus
    }

    /// Kills the child if it still runs.
    func end() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    var standardOutput: String {
        (try? String(contentsOf: logs.appendingPathComponent("stdout.txt"), encoding: .utf8)) ?? ""
    }

    var standardError: String {
        (try? String(contentsOf: logs.appendingPathComponent("stderr.txt"), encoding: .utf8)) ?? ""
    }

    /// The only run folder, if there is one.
    var folder: URL? {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: output.path)) ?? []
        return names.first.map { output.appendingPathComponent($0) }
    }

    var folderFiles: [String] {
        folder.flatMap { try? FileManager.default.contentsOfDirectory(atPath: $0.path) } ?? []
    }

    /// summary.json's `run` object.
    func summaryRun() throws -> [String: Any] {
        let url = try #require(folder).appendingPathComponent("summary.json")
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
        return try #require(object?["run"] as? [String: Any])
    }
}
