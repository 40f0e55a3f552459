import LLMLoadCore

/// The instants of a recorded trace (`--trace`), one per entry, in the trace's order; ends
/// with the trace.
public struct TraceSchedule: ArrivalSchedule {
    private let offsets: [Duration]
    private var index = 0

    public init(_ trace: Trace) {
        offsets = trace.entries.map(\.offset)
    }

    public mutating func nextOffset() -> Duration? {
        guard index < offsets.count else { return nil }
        defer { index += 1 }
        return offsets[index]
    }
}
