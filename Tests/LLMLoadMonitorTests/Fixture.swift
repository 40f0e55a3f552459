import Foundation
import LLMLoadMonitor
import Testing

/// Text of a file under `Fixtures/`.
func fixture(_ name: String) throws -> String {
    let url = try #require(Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil))
    return try String(contentsOf: url, encoding: .utf8)
}

/// A temporary folder shaped like `/proc`, written file by file, so a test can change what
/// the sampler reads between two samples.
struct ProcTree {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("proc-\(UUID().uuidString)")

    var files: ProcFiles { ProcFiles(root: root.path) }

    func write(_ relativePath: String, _ text: String) throws {
        let url = root.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    /// A process entry: `comm`, `cmdline` (arguments joined by NUL), `stat` with these CPU
    /// ticks, and `status` with this resident size.
    func writeProcess(pid: Int32, comm: String, arguments: [String], ticks: (user: Int, system: Int), rssKB: Int)
        throws
    {
        try write("\(pid)/comm", comm + "\n")
        try write("\(pid)/cmdline", arguments.joined(separator: "\0") + "\0")
        try write(
            "\(pid)/stat",
            "\(pid) (\(comm)) S 1 \(pid) \(pid) 0 -1 4194560 100 0 0 0 \(ticks.user) \(ticks.system) 0 0 20 0 4 0 100 1 1\n"
        )
        try write("\(pid)/status", "Name:\t\(comm)\nVmRSS:\t  \(rssKB) kB\nThreads:\t4\n")
    }

    func remove() {
        try? FileManager.default.removeItem(at: root)
    }
}
