import Foundation

/// Numbers as every output writes them: fixed decimals, a `.` whatever the user's locale.
///
/// The text is exactly what `String(format: "%.3f", locale: en_US_POSIX)` gives, which earlier
/// versions called once per number (an ICU formatter each time, about 70 µs). On Linux that call
/// is *not* C's correctly rounded `printf`: ICU takes the shortest decimal that reads back as the
/// same `Double` (what `description` prints) and rounds that, half to even, to `places` decimals.
/// So `0.0005` (really 0.000500000000000000010…) gives `0.000`, and `1e300` gives a 1 and 300
/// zeros. A sign is always written, even for `-0.0` and for values that round to zero.
///
/// The fast path rounds the exact binary value with integer arithmetic. That agrees with
/// rounding the shortest decimal unless a rounding tie lies between the two, which can only
/// happen within one unit in the last place of a tie; those values, and any beyond 2^53, are
/// rounded from `description`'s digits instead.
package enum DecimalText {
    private static let posix = Locale(identifier: "en_US_POSIX")

    /// The most decimals the arithmetic here handles; more go to `String(format:)`.
    private static let maximumPlaces = 17

    /// `value` with `places` decimals; `nil` when it is not finite.
    package static func format(_ value: Double, places: Int) -> String? {
        withText(value, places: places) { String(decoding: $0, as: UTF8.self) }
    }

    /// Appends `value` with `places` decimals as UTF-8; returns `false`, appending nothing, when
    /// it is not finite.
    @discardableResult
    package static func append(_ value: Double, places: Int, to bytes: inout [UInt8]) -> Bool {
        withText(value, places: places) { bytes.append(contentsOf: $0) } != nil
    }

    /// Appends `value` with `places` decimals; returns `false`, appending nothing, when it is
    /// not finite.
    @discardableResult
    package static func append(_ value: Double, places: Int, to text: inout String) -> Bool {
        withText(value, places: places) { text.append(String(decoding: $0, as: UTF8.self)) } != nil
    }

    /// Calls `body` with the number's UTF-8 text, from a stack buffer on the fast path.
    private static func withText<R>(
        _ value: Double, places: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R
    ) -> R? {
        guard value.isFinite, places >= 0 else { return nil }
        guard places <= maximumPlaces else {
            var text = String(format: "%.\(places)f", locale: posix, value)
            return text.withUTF8(body)
        }
        if places <= 3, let scaled = exactlyRounded(value, places: places) {
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { buffer in
                let start = writeBackwards(scaled, places: places, isNegative: value.sign == .minus, into: buffer)
                return body(UnsafeBufferPointer(rebasing: buffer[start...]))
            }
        }
        return roundedFromShortest(value, places: places).withUnsafeBufferPointer(body)
    }

    private static let powersOfTen: [UInt64] = [1, 10, 100, 1000]

    /// `|value| × 10^places` rounded half to even, when that cannot differ from rounding the
    /// shortest decimal: |value| < 2^53 and no tie within one unit in the last place.
    private static func exactlyRounded(_ value: Double, places: Int) -> UInt64? {
        let magnitude = value.magnitude
        guard magnitude < 0x1p53 else { return nil }
        let scale = powersOfTen[places]
        guard magnitude != 0 else { return 0 }
        // magnitude = significand × 2^exponent, exactly.
        let significand: UInt64, exponent: Int
        if magnitude.isNormal {
            significand = magnitude.significandBitPattern | (1 << 52)
            exponent = Int(magnitude.exponent) - 52
        } else {
            significand = magnitude.significandBitPattern
            exponent = -1074
        }
        if exponent >= 0 { return (significand << UInt64(exponent)) * scale }
        let shift = -exponent
        // Below 2^53 × 1000 < 2^63, so this cannot overflow.
        let scaled = significand * scale
        // Beyond 63 bits the value × 10^places is below 0.489, far from the tie at 0.5.
        guard shift < 64 else { return 0 }
        let quotient = scaled >> UInt64(shift)
        let remainder = scaled & ((1 << UInt64(shift)) - 1)
        let half: UInt64 = 1 << UInt64(shift - 1)
        // One unit in the last place of value × 10^places is `scale` units of 2^-shift; the
        // shortest decimal is within half of that.
        let distance = remainder > half ? remainder - half : half - remainder
        guard distance > scale else { return nil }
        return remainder > half ? quotient + 1 : quotient
    }

    /// Writes `scaled / 10^places` with its sign at the end of `buffer`; returns where it starts.
    private static func writeBackwards(
        _ scaled: UInt64, places: Int, isNegative: Bool, into buffer: UnsafeMutableBufferPointer<UInt8>
    ) -> Int {
        var position = buffer.count
        var rest = scaled
        for _ in 0..<places {
            position -= 1
            buffer[position] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
        }
        if places > 0 {
            position -= 1
            buffer[position] = UInt8(ascii: ".")
        }
        repeat {
            position -= 1
            buffer[position] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
        } while rest != 0
        if isNegative {
            position -= 1
            buffer[position] = UInt8(ascii: "-")
        }
        return position
    }

    /// The shortest round-trip decimal of `value` (`description`'s digits) rounded half to even
    /// to `places` decimals, as ICU does.
    static func roundedFromShortest(_ value: Double, places: Int) -> [UInt8] {
        let (digits, pointPosition) = shortestDigits(value.magnitude)
        // digits[i] has the weight 10^(pointPosition - 1 - i); keep those down to 10^-places.
        // When none is kept, the first one dropped is an implied 0: the value rounds to zero.
        let kept = max(0, pointPosition + places)
        var result = [UInt8](repeating: 0, count: kept)
        for i in 0..<min(kept, digits.count) { result[i] = digits[i] }
        if pointPosition + places >= 0 && kept < digits.count {
            let first = digits[kept]
            let isTie = first == 5 && digits[(kept + 1)...].allSatisfy { $0 == 0 }
            let isOdd = kept > 0 && result[kept - 1] % 2 == 1
            if first > 5 || (first == 5 && (!isTie || isOdd)) {
                var i = kept - 1
                while i >= 0 && result[i] == 9 {
                    result[i] = 0
                    i -= 1
                }
                if i >= 0 { result[i] += 1 } else { result.insert(1, at: 0) }
            }
        }
        // Pad to at least one integer digit.
        if result.count < places + 1 {
            result.insert(contentsOf: repeatElement(0, count: places + 1 - result.count), at: 0)
        }
        var text: [UInt8] = value.sign == .minus ? [UInt8(ascii: "-")] : []
        text.reserveCapacity(result.count + 2)
        let integerCount = result.count - places
        for (i, digit) in result.enumerated() {
            if i == integerCount { text.append(UInt8(ascii: ".")) }
            text.append(UInt8(ascii: "0") + digit)
        }
        return text
    }

    /// The decimal digits of `magnitude`'s `description` without leading zeros, and how many of
    /// them stand before the decimal point (negative or beyond the count where zeros are implied).
    private static func shortestDigits(_ magnitude: Double) -> (digits: [UInt8], pointPosition: Int) {
        var digits: [UInt8] = []
        var pointPosition: Int?
        var exponent = 0
        var exponentSign = 1
        var isInExponent = false
        for byte in magnitude.description.utf8 {
            switch byte {
            case UInt8(ascii: "."): pointPosition = digits.count
            case UInt8(ascii: "e"), UInt8(ascii: "E"): isInExponent = true
            case UInt8(ascii: "-") where isInExponent: exponentSign = -1
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                let digit = byte - UInt8(ascii: "0")
                if isInExponent {
                    exponent = exponent * 10 + Int(digit)
                } else if digit == 0 && digits.isEmpty {
                    pointPosition = pointPosition.map { $0 - 1 }
                } else {
                    digits.append(digit)
                }
            default: break
            }
        }
        return (digits, (pointPosition ?? digits.count) + exponentSign * exponent)
    }

    /// A whole number, in decimal digits, appended to `bytes`.
    package static func appendInteger(_ value: Int, to bytes: inout [UInt8]) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var rest = value.magnitude
        let start = bytes.count
        repeat {
            bytes.append(UInt8(ascii: "0") + UInt8(rest % 10))
            rest /= 10
        } while rest != 0
        // Reversed through the array's storage: reversing `bytes[start...]` copied the slice, an
        // allocation for every number of every `requests.csv` row.
        bytes.withUnsafeMutableBufferPointer { $0[start...].reverse() }
    }
}
