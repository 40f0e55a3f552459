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
