import Foundation

/// The cores this process may run on: its affinity mask, as `taskset` sets it.
///
/// Event loops are sized by it, not by the machine's cores (NIO's `System.coreCount`): on a
/// pinned process, more loops than cores only add thread switches. (The simulator reads the
/// same mask with its own copy of this: it shares no code with the client.)
public enum UsableCores {
    /// `nil` when the mask cannot be read (not Linux).
    public static var count: Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        return count(inStatus: status)
    }

    /// The cores of the `Cpus_allowed:` line of a `/proc/<pid>/status` text (a hex mask in
    /// comma-separated 32-bit groups: `Cpus_allowed:\t3` is cores 0 and 1). Glibc's Swift module
    /// does not export `sched_getaffinity`.
    static func count(inStatus status: String) -> Int? {
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Cpus_allowed:") }) else {
            return nil
        }
        let count = line.dropFirst("Cpus_allowed:".count).reduce(0) { count, character in
            count + (character.hexDigitValue?.nonzeroBitCount ?? 0)
        }
        return count > 0 ? count : nil
    }
}
