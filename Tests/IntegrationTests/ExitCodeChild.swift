import Foundation
import LLMLoadTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A child `llmload run … --output <fresh folder> --quiet`, its standard error in a file.
final class ExitCodeChild {
    let process = Process()
    let output: URL
    private let standardErrorFile: URL

    init(_ arguments: [String]) throws {
        guard let binary = BuiltBinary.llmload else { throw CocoaError(.fileNoSuchFile) }
        let base = try TemporaryFolders.make(prefix: "llmload-exit")
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
