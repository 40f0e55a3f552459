import Foundation

/// The machine the tool ran on, part of the run's ``RunDescription`` (`config.json`, the
/// report's header): a figure means little without the box that produced it.
public struct HostFacts: Sendable, Codable, Equatable {
    public var hostname: String
    /// `PRETTY_NAME` from `/etc/os-release`, else the kernel's name.
    public var os: String
    public var kernel: String
    public var cpuModel: String?
    public var cpuCount: Int
    public var memoryBytes: UInt64
    /// GPU names, when the resource monitor found any.
    public var gpus: [String]

    public init(
        hostname: String, os: String, kernel: String, cpuModel: String?, cpuCount: Int, memoryBytes: UInt64,
        gpus: [String] = []
    ) {
        self.hostname = hostname
        self.os = os
        self.kernel = kernel
        self.cpuModel = cpuModel
        self.cpuCount = cpuCount
        self.memoryBytes = memoryBytes
        self.gpus = gpus
    }

    /// Reads this machine's facts; what cannot be read is left out, never guessed.
    public static func current() -> HostFacts {
        let info = ProcessInfo.processInfo
        let release = (try? String(contentsOfFile: "/etc/os-release", encoding: .utf8)).flatMap(prettyName)
        let cpuinfo = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)
        return HostFacts(
            hostname: info.hostName, os: release ?? info.operatingSystemVersionString,
            kernel: kernelName() ?? info.operatingSystemVersionString, cpuModel: cpuinfo.flatMap(cpuModel),
            cpuCount: info.processorCount, memoryBytes: info.physicalMemory
        )
    }

    /// `uname -srm`: kernel name, release and machine.
    package static func kernelName() -> String? {
        var names = utsname()
        guard uname(&names) == 0 else { return nil }
        func text<T>(_ field: inout T) -> String {
            withUnsafeBytes(of: &field) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        }
        return "\(text(&names.sysname)) \(text(&names.release)) \(text(&names.machine))"
    }

    /// `PRETTY_NAME` of an `os-release` file, unquoted.
    package static func prettyName(_ osRelease: String) -> String? {
        for line in osRelease.split(separator: "\n") where line.hasPrefix("PRETTY_NAME=") {
            return line.dropFirst("PRETTY_NAME=".count).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
        }
        return nil
    }

    /// The first `model name` of a `/proc/cpuinfo` (x86) or its `Model` line (ARM boards).
    package static func cpuModel(_ cpuinfo: String) -> String? {
        for line in cpuinfo.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2 else { continue }
            let key = parts[0].trimmingCharacters(in: .whitespaces)
            if key == "model name" || key == "Model" { return parts[1].trimmingCharacters(in: .whitespaces) }
        }
        return nil
    }
}
