/// Durations as whole nanoseconds: Ollama's `*_duration` fields and the simulator's clock.
extension Duration {
    /// Whole nanoseconds, the fraction dropped (for a positive duration: rounded down).
    var nanosecondCount: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }

    /// Whole nanoseconds, a positive fraction counted as one more: never short of the duration.
    var nanosecondsRoundedUp: Int64 {
        nanosecondCount + (components.attoseconds % 1_000_000_000 > 0 ? 1 : 0)
    }
}
