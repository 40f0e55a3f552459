/// The inter-token gaps of one request past ``ResponseLimits/storedTokenGaps``, folded into what
/// the inter-token latency statistics use, so an endless stream holds bounded memory and every
/// figure stays what it would be with every gap stored.
///
/// The statistics are an HDR histogram of microseconds at 3 significant digits plus exact
/// count, sum, sum of squares, minimum and maximum in milliseconds (`Distribution` in
/// LLMLoadMetrics). Gaps are kept in exactly that form: counted per histogram bucket (2,048
/// below 2 ms, then at most 1,024 per power of two: a few thousand for any stream), with the
/// sums taken as the distribution takes them. Merging the buckets and sums into the run's
/// distribution gives the same figures as recording each gap.
public struct TokenGapOverflow: Sendable, Equatable {
    /// Gaps folded in.
    public private(set) var count = 0
    /// The exact sums over the folded gaps, in milliseconds.
    public private(set) var sumMilliseconds = 0.0
    public private(set) var sumOfSquaresMilliseconds = 0.0
    public private(set) var minimumMilliseconds = Double.infinity
    public private(set) var maximumMilliseconds = -Double.infinity
    /// Folded gaps per histogram bucket: each key is the smallest whole microsecond of its
    /// bucket, the value how many gaps fell in it.
    public private(set) var microsecondBuckets: [UInt64: Int] = [:]
    /// The exact sum of the folded gaps, in nanoseconds (saturating).
    public private(set) var sumNanoseconds: Int64 = 0

    public init() {}

    /// Folds in one gap. No allocation beyond the occasional growth of the bucket table.
    public mutating func add(nanoseconds gap: Int64) {
        let milliseconds = Double(max(0, gap)) / 1e6
        count += 1
        let (sum, overflow) = sumNanoseconds.addingReportingOverflow(max(0, gap))
        sumNanoseconds = overflow ? .max : sum
        sumMilliseconds += milliseconds
        sumOfSquaresMilliseconds += milliseconds * milliseconds
        minimumMilliseconds = min(minimumMilliseconds, milliseconds)
        maximumMilliseconds = max(maximumMilliseconds, milliseconds)
        // Rounded to microseconds as the distribution rounds; 2⁵³ µs is its largest value.
        let microseconds = UInt64(min((milliseconds * 1000).rounded(), 0x1p53))
        microsecondBuckets[Self.bucket(of: microseconds), default: 0] += 1
    }

    /// The smallest value of the 3-significant-digit HDR bucket holding `value`: below 2,048
    /// every value has its own bucket; above, a bucket spans 2^(bit width − 11) values.
    static func bucket(of value: UInt64) -> UInt64 {
        let width = UInt64.bitWidth - value.leadingZeroBitCount
        guard width > 11 else { return value }
        let shift = UInt64(width - 11)
        return (value >> shift) << shift
    }
}
