import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension Timing {
    /// Every exit status README's "Exit status" promises, from the built binary (130 is
    /// `SignalTests`'). The simulated runs answer in 8 tokens 1 ms apart, so each run ends
    /// within about 2 s.
    @Suite(.enabled(if: BuiltBinary.llmload != nil, BuiltBinary.missing))
    struct ExitCodeTests {
        static let quickSimulator = ["--simulate", "--itl-ms", "1", "--output-tokens", "8"]

        @Test func aCompletedRunExits0AndWritesItsSummary() async throws {
            let child = try ExitCodeChild(Self.quickSimulator + ["--qps", "5", "--duration", "1"])
            let status = try await child.exitStatus()
            #expect(status == 0, "\(child.standardError)")
            let folder = try #require(child.folder, "no run folder")
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("summary.json").path))
        }

        @Test func anUnreachableServerExits1WithoutARunFolder() async throws {
            // Port 1 (tcpmux) is privileged and unused: the connection is refused at once.
            let child = try ExitCodeChild(["--url", "http://127.0.0.1:1", "--qps", "5", "--duration", "1"])
            let status = try await child.exitStatus()
            #expect(status == 1)
            #expect(child.standardError.contains("cannot reach http://127.0.0.1:1"), "\(child.standardError)")
            #expect(child.runFolders.isEmpty, "a run folder before the load: \(child.runFolders)")
        }

        @Test func aMissingMonitoredProcessExits1WithoutARunFolder() async throws {
            let child = try ExitCodeChild(
                Self.quickSimulator + [
                    "--monitor-process", "no-such-process-xyz", "--qps", "5", "--duration", "1",
                ])
            let status = try await child.exitStatus()
            #expect(status == 1)
            #expect(
                child.standardError.contains("no running process named no-such-process-xyz"),
                "\(child.standardError)")
            #expect(child.runFolders.isEmpty, "a run folder before the load: \(child.runFolders)")
        }

        @Test func aPreflightWarningUnderStrictPreflightExits1WithoutARunFolder() async throws {
            let child = try ExitCodeChild(
                Self.quickSimulator + [
                    "--api", "openai-chat", "--max-concurrency", "1", "--concurrency", "2", "--duration", "1",
                    "--strict-preflight",
                ])
            let status = try await child.exitStatus()
            #expect(status == 1)
            #expect(
                child.standardError.contains("--concurrency 2 exceeds the server's 1 slot"), "\(child.standardError)")
            #expect(child.runFolders.isEmpty, "a run folder before the load: \(child.runFolders)")
        }

        /// The run folder's name carries the second it was made, so it cannot be blocked in
        /// advance; and the tests run as root, so permissions would not stop a write. Once
        /// config.json shows the load has started (about a second before the end), a
        /// directory takes summary.json's place: writing summary.json then fails whoever
        /// runs, and the other outputs must still be written.
        @Test func anOutputThatCannotBeWrittenExits3AndTheOthersAreWritten() async throws {
            let child = try ExitCodeChild(Self.quickSimulator + ["--qps", "5", "--duration", "1"])
            let folder = try await child.waitForLoad()
            let blocker = folder.appendingPathComponent("summary.json")
            do {
                try FileManager.default.createDirectory(at: blocker, withIntermediateDirectories: false)
                try Data("blocks summary.json".utf8).write(to: blocker.appendingPathComponent("keep"))
            } catch {
                Issue.record("summary.json was written before it could be blocked: \(error)")
            }
            let status = try await child.exitStatus()
            #expect(status == 3, "\(child.standardError)")
            #expect(child.standardError.contains("summary.json"), "\(child.standardError)")
            let files = Set(child.folderFiles)
            for file in ["config.json", "requests.csv", "timeseries.csv", "report.html"] {
                #expect(files.contains(file), "\(file) missing: \(files.sorted())")
            }
        }

        @Test func anUnmetFailOnSloExits4() async throws {
            let child = try ExitCodeChild(
                Self.quickSimulator + [
                    "--ttft-ms", "50", "--slo", "ttft=1ms", "--fail-on-slo", "0.95", "--qps", "5", "--duration", "1",
                ])
            let status = try await child.exitStatus()
            #expect(status == 4, "\(child.standardError)")
            #expect(child.standardError.contains("SLO not met"), "\(child.standardError)")
            #expect(child.folder != nil, "the results are still written")
        }

        /// `--qps=-1`: as `--qps -1`, `-1` would read as an option and fail as a missing value.
        @Test(arguments: [["--qps=-1"], ["--qps", "0"]])
        func aBadOptionExits64BeforeAnyWork(_ qps: [String]) async throws {
            let child = try ExitCodeChild(["--simulate", "--duration", "1"] + qps)
            let status = try await child.exitStatus()
            #expect(status == 64)
            #expect(child.standardError.contains("--qps must be a positive number"), "\(child.standardError)")
            #expect(!FileManager.default.fileExists(atPath: child.output.path), "the output folder was made")
        }
    }
}

/// A child `llmload run … --output <fresh folder> --quiet`, its standard error in a file.
private final class ExitCodeChild {
    let process = Process()
    let output: URL
    private let standardErrorFile: URL

    init(_ arguments: [String]) throws {
        guard let binary = BuiltBinary.llmload else { throw CocoaError(.fileNoSuchFile) }
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("llmload-exit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        output = base.appendingPathComponent("results")
        standardErrorFile = base.appendingPathComponent("stderr.txt")
        _ = FileManager.default.createFile(atPath: standardErrorFile.path, contents: nil)
        process.executableURL = binary
        process.arguments = ["run"] + arguments + ["--output", output.path, "--quiet"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: standardErrorFile)
        try process.run()
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    /// The exit status; the child is killed, and the test fails, if it runs past `limit`.
    func exitStatus(within limit: Duration = .seconds(30)) async throws -> Int32 {
        let deadline = ContinuousClock.now + limit
        while process.isRunning && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            Issue.record("still running after \(limit): \(standardError)")
        }
        return process.terminationStatus
    }

    /// The run folder, once its config.json says the load has started.
    func waitForLoad() async throws -> URL {
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            if let folder, folderFiles.contains("config.json") { return folder }
            guard process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(5))
        }
        Issue.record("the load never started: \(standardError)")
        throw CocoaError(.fileNoSuchFile)
    }

    var standardError: String {
        (try? String(contentsOf: standardErrorFile, encoding: .utf8)) ?? ""
    }

    var runFolders: [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: output.path)) ?? []
    }

    /// The only run folder, if there is one.
    var folder: URL? {
        runFolders.first.map { output.appendingPathComponent($0) }
    }

    var folderFiles: [String] {
        folder.flatMap { try? FileManager.default.contentsOfDirectory(atPath: $0.path) } ?? []
    }
}
