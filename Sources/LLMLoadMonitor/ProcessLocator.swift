/// Finds the process to monitor by pid or by name.
public enum ProcessLocator {
    /// A process found: its id and its name (`comm`).
    public struct Found: Sendable, Equatable {
        public var pid: Int32
        public var name: String

        public init(pid: Int32, name: String) {
            self.pid = pid
            self.name = name
        }
    }

    /// The process with this pid, if it exists.
    public static func find(pid: Int32, in files: ProcFiles) -> Found? {
        guard let stat = files.read("\(pid)/stat"), ProcessStatParser.cpuTicks(stat: stat) != nil else { return nil }
        return Found(pid: pid, name: name(of: pid, in: files) ?? "")
    }

    /// The process named `name`: its `comm` (15 characters at most, so also compared against
    /// the file name of the command's first word). When several match (Ollama runs a server
    /// and a runner), the one with the most resident memory: the one holding the model.
    public static func find(name: String, in files: ProcFiles, excluding ownPID: Int32? = nil) -> Found? {
        var best: (found: Found, rss: Int)?
        for pid in files.processIDs() where pid != ownPID {
            let comm = self.name(of: pid, in: files)
            let command = files.read("\(pid)/cmdline")?.split(separator: "\0").first
                .flatMap { $0.split(separator: "/").last }.map(String.init)
            guard comm == name || command == name else { continue }
            let rss = files.read("\(pid)/status").flatMap(ProcessStatParser.residentBytes) ?? 0
            if best == nil || rss > best!.rss { best = (Found(pid: pid, name: name), rss) }
        }
        return best?.found
    }

    private static func name(of pid: Int32, in files: ProcFiles) -> String? {
        files.read("\(pid)/comm").map { String($0.trimmingSuffix(while: \.isNewline)) }
    }
}

extension StringProtocol {
    fileprivate func trimmingSuffix(while predicate: (Character) -> Bool) -> SubSequence {
        var end = endIndex
        while end > startIndex, predicate(self[index(before: end)]) { end = index(before: end) }
        return self[startIndex..<end]
    }
}
