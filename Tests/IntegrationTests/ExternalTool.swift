import Foundation

/// Runs a command-line tool found on `PATH` (`docker`, `kubectl`) and collects what it printed,
/// for the tests that need one and are skipped where it is missing.
enum ExternalTool {
    /// Runs `tool` with `arguments`; its exit status and its standard output and error together
    /// (through a file, so a long build log cannot fill a pipe and stall the tool).
    static func run(_ tool: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("llmload-\(tool)-\(UUID()).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: log) }
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try? handle.close()
        return (process.terminationStatus, (try? String(contentsOf: log, encoding: .utf8)) ?? "")
    }
}
