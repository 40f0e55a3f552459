/// Arithmetic on numbers a server sent (token counts, durations): it saturates at the bounds of
/// `Int` instead of trapping, so one absurd value cannot crash a run and lose its results.
extension Int {
    /// `self + other`, or `Int.max` / `Int.min` where that overflows.
    public func saturatingAdding(_ other: Int) -> Int {
        let (sum, overflow) = addingReportingOverflow(other)
        guard overflow else { return sum }
        return other > 0 ? .max : .min
    }

    /// `self - other`, or `Int.max` / `Int.min` where that overflows.
    public func saturatingSubtracting(_ other: Int) -> Int {
        let (difference, overflow) = subtractingReportingOverflow(other)
        guard overflow else { return difference }
        return other < 0 ? .max : .min
    }
}
