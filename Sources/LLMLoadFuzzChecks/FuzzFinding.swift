/// A property a fuzz input broke: what the fuzzer stops on and what the corpus replay test
/// reports. (A crash inside the code under test needs no value: the process stops.)
public struct FuzzFinding: Error, CustomStringConvertible, Equatable {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}

extension FuzzFinding {
    /// The body of a fuzz target's `LLVMFuzzerTestOneInput`: `check` on libFuzzer's input, and
    /// a finding stops the process as a crash would, so libFuzzer saves the input.
    public static func stopOnFinding(
        _ data: UnsafePointer<UInt8>?,
        _ size: Int,
        _ check: ([UInt8]) throws(FuzzFinding) -> Void
    ) -> CInt {
        let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
        do throws(FuzzFinding) {
            try check(bytes)
        } catch {
            fatalError("fuzz finding: \(error)")
        }
        return 0
    }
}
