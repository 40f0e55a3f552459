/// A rate that changes linearly from `startPerSecond` to `endPerSecond` over `span`, then holds
/// at `endPerSecond` (`--ramp 10-500/60s`).
///
/// The arrival times are where the expected count Λ(t) = ∫₀ᵗ rate reaches 0, 1, 2, …: they are
/// computed from Λ's inverse in closed form, per request, so nothing accumulates.
public struct RateRamp: Sendable, Equatable {
    public var startPerSecond: Double
    public var endPerSecond: Double
    public var span: Duration

    /// - Precondition: both rates finite and positive, `span` positive (validated by the CLI).
    public init(startPerSecond: Double, endPerSecond: Double, span: Duration) {
        precondition(startPerSecond.isFinite && startPerSecond > 0, "start rate must be positive")
        precondition(endPerSecond.isFinite && endPerSecond > 0, "end rate must be positive")
        precondition(span > .zero, "span must be positive")
        self.startPerSecond = startPerSecond
        self.endPerSecond = endPerSecond
        self.span = span
    }

    private var spanSeconds: Double { span.seconds }

    /// Λ(t): how many requests are due in `[0, t]` on average (not rounded).
    public func expectedArrivals(by seconds: Double) -> Double {
        let t = max(seconds, 0)
        let t1 = spanSeconds
        if t <= t1 {
            return startPerSecond * t + (endPerSecond - startPerSecond) * t * t / (2 * t1)
        }
        return (startPerSecond + endPerSecond) * t1 / 2 + endPerSecond * (t - t1)
    }

    /// Λ⁻¹(n): the offset, in seconds, at which the `n`-th arrival (from 0) is due.
    public func arrivalSeconds(_ n: Double) -> Double {
        let t1 = spanSeconds
        let atEnd = (startPerSecond + endPerSecond) * t1 / 2
        if n >= atEnd { return t1 + (n - atEnd) / endPerSecond }
        // a·t² + r0·t − n = 0 with a = (r1 − r0) / 2T; the form 2n / (r0 + √(r0² + 4an)) has no
        // cancellation and holds for a rising, flat or falling ramp alike.
        let a = (endPerSecond - startPerSecond) / (2 * t1)
        return 2 * n / (startPerSecond + (startPerSecond * startPerSecond + 4 * a * n).squareRoot())
    }

    /// `10.00-500.00/60s`, as in the pattern label `ramp@10.00-500.00/60s`.
    public var description: String {
        "\(Self.twoDecimals(startPerSecond))-\(Self.twoDecimals(endPerSecond))/\(Self.seconds(span))s"
    }

    /// `value` with two decimals, without Foundation's locale-dependent formatting.
    static func twoDecimals(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    /// Reads ``description`` back (`10.00-500.00/60s`; the span may also be `2m`, `500ms`):
    /// `--ramp`'s argument, and the ramp of a schema-1 pattern label. `nil` unless both rates and
    /// the span are positive.
    public init?(description: String) {
        let parts = description.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return nil }
        let rates = parts[0].split(separator: "-", omittingEmptySubsequences: false)
        guard rates.count == 2, let start = Double(rates[0]), let end = Double(rates[1]),
            start.isFinite, end.isFinite, start > 0, end > 0,
            let span = DurationText.parse(String(parts[1])), span > .zero
        else { return nil }
        self.init(startPerSecond: start, endPerSecond: end, span: span)
    }

    /// Whole seconds without a fraction (`60`), else up to three decimals (`0.5`).
    private static func seconds(_ duration: Duration) -> String {
        let milliseconds = Int((duration.seconds * 1000).rounded())
        if milliseconds % 1000 == 0 { return "\(milliseconds / 1000)" }
        var text = "\(milliseconds / 1000)." + String(String(milliseconds % 1000 + 1000).dropFirst())
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }
}
