import Foundation
import LLMLoadTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

extension Timing {
    /// The matrix's two faults that could exhaust memory, measured: a 64 MiB line and an endless
    /// stream. The bound is on the process's peak resident memory during the run above what it
    /// held before, so it counts the 16 MiB line cap and every copy of it, however briefly held.
    ///
    /// In the timing stage not for its clock but for its solitude: the peak is the process's,
    /// and only there does no other suite allocate beside the case. The bounds are the ones
    /// `docs/reliability.md` states; the test checks them against the document too.
    @Suite
    struct FaultMatrixMemoryTests {
        @Test(arguments: FaultServer.API.allCases, [ServerFault.hugeLine, .streamForever])
        func peakMemoryStaysUnderTheDocumentedBound(api: FaultServer.API, fault: ServerFault) async throws {
            let bound = try #require(FaultMemoryBound.mebibytes[fault])
            let expected = try #require(FaultExpectation.all[fault])
            let documented = try #require(try ReliabilityTable.load().rows[fault.rawValue])
            #expect(documented.bound.contains("< \(bound) MiB"), "docs/reliability.md states \(bound) MiB")

            ResidentMemory.returnFreedMemory()
            let before = try #require(ResidentMemory.kibibytes("VmRSS"))
            try #require(ResidentMemory.resetPeak(), "/proc/self/clear_refs resets the peak")
            let run = try await FaultRun.perform(api: api, fault: fault, timeout: FaultMemoryBound.timeouts[fault])
            defer { run.harness.cleanUp() }
            let peak = try #require(ResidentMemory.kibibytes("VmHWM"))
            let growthMiB = Double(peak - before) / 1024
            let rows = try run.harness.rows(of: run.result)
            let characters = rows.reduce(0) { $0 + Int($1.number("response_chars") ?? 0) }
            print(
                "fault matrix memory: \(fault.rawValue) \(api.rawValue): peak +\(Int(growthMiB.rounded())) MiB, "
                    + "\(characters) answer characters recorded")

            #expect(growthMiB < Double(bound), "peak grew \(growthMiB) MiB, bound \(bound) MiB")
            #expect(rows.count == expected.requests)
            #expect(rows.allSatisfy { $0["outcome"] == expected.outcome.rawValue })
        }
    }
}

/// The documented bound on peak resident-memory growth per fault, in MiB.
///
/// A 64 MiB line: the line framer keeps at most 16 MiB (its cap) before it gives up, in a
/// buffer that doubles as it grows (up to 32 MiB), and the event loop reads ahead; holding the
/// whole line even once would add at least 64 MiB more. An endless stream for 2 s
/// (`FaultMemoryBound.timeouts`): what
/// arrived in that time (a few MiB of text and token gaps).
enum FaultMemoryBound {
    static let mebibytes: [ServerFault: Int] = [.hugeLine: 96, .streamForever: 32]
    /// `--timeout` for the measured run, when not the matrix's: the endless stream runs longer.
    static let timeouts: [ServerFault: Duration] = [.streamForever: .seconds(2)]
}

/// This process's memory figures from `/proc/self/status` (Linux).
enum ResidentMemory {
    /// A `kB` field such as `VmRSS` (resident now) or `VmHWM` (the peak since the last reset).
    static func kibibytes(_ field: String) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix(field + ":") {
            return Int(line.dropFirst(field.count + 1).trimmingCharacters(in: .whitespaces).split(separator: " ")[0])
        }
        return nil
    }

    /// Hands memory the allocator holds free back to the system (glibc `malloc_trim`), so that
    /// `VmRSS` counts live memory only and a case cannot hide its growth in what an earlier one
    /// freed.
    static func returnFreedMemory() {
        #if canImport(Glibc)
            // Not in the Glibc module's headers: looked up in the process (RTLD_DEFAULT is null).
            typealias MallocTrim = @convention(c) (Int) -> Int32
            if let symbol = dlsym(nil, "malloc_trim") { _ = unsafeBitCast(symbol, to: MallocTrim.self)(0) }
        #endif
    }

    /// Resets `VmHWM` to the resident size now (`5` into `/proc/self/clear_refs`).
    static func resetPeak() -> Bool {
        (try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)) != nil
    }
}
