import Foundation
import LLMLoadCore
import LLMLoadReport
import Testing

/// `DecimalText` must write what `String(format: "%.3f", locale: en_US_POSIX)` writes. That call
/// costs about 70 µs, so it checks thousands of chosen values, together with ``ShortestRounding``,
/// a plain model of what it does (shortest decimal, then half to even). A million more are
/// checked against the same rounding done by `Decimal`.
@Suite struct DecimalTextTests {
    static let posix = Locale(identifier: "en_US_POSIX")

    /// Values where rounding is hard or unusual: ties, their neighbours, powers of ten, zeros,
    /// huge and tiny values, random bit patterns; each with both signs.
    static func awkwardValues(count: Int, seed: UInt64) -> [Double] {
        var generator = SplitMix64(seed: seed)
        var values: [Double] = [
            0, 0.5, 1.5, 2.5, 0.0005, 0.0015, 0.0625, 0.1875, 1e15, 1e300, .leastNonzeroMagnitude, 0x1p53, 0x1p64,
        ]
        for exponent in -10...22 {
            let power = pow(10, Double(exponent))
            values += [power, power.nextUp, power.nextDown, power - 0.0005, power + 0.0005, power - 0.5]
        }
        while values.count < count {
            let integer = Double(generator.next() >> UInt64(11 + generator.next() % 53))
            switch generator.next() % 4 {
            // Exactly representable ties at the third decimal, and the doubles beside them.
            case 0:
                let tie = integer + Double(2 * (generator.next() % 8) + 1) / 16
                values += [tie, tie.nextUp, tie.nextDown]
            // The doubles nearest the decimal ties k/2000.
            case 1: values.append((integer + Double(generator.next() % 1000)) / 1000 + 0.0005)
            case 2: values.append(Double(bitPattern: generator.next()))
            default: values.append(generator.nextUnit() * pow(10, Double(generator.next() % 30) - 12))
            }
        }
        return values.filter(\.isFinite).flatMap { [$0, -$0] }
    }

    @Test func matchesTheSystemFormatter() {
        var mismatches: [String] = []
        for (i, value) in Self.awkwardValues(count: 6_000, seed: 1).enumerated() {
            let places = i % 5 == 0 ? i / 5 % 4 : 3
            let expected = String(format: "%.\(places)f", locale: Self.posix, value)
            let actual = DecimalText.format(value, places: places)
            if actual != expected || ShortestRounding.format(value, places: places) != expected {
                mismatches.append("\(value) %.\(places)f: \(expected), got \(actual ?? "nil")")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10))")
    }

    @Test func matchesTheModelOverMillionsOfValues() {
        var generator = SplitMix64(seed: 2)
        var mismatches: [String] = []
        var bytes: [UInt8] = []
        var checked = 0
        for i in 0..<1_200_000 {
            let value: Double
            switch i % 4 {
            // Run-time figures: milliseconds, rates.
            case 0: value = generator.nextUnit() * pow(10, Double(generator.next() % 12))
            case 1: value = Double(i) / 2000
            case 2: value = Double(bitPattern: generator.next())
            default: value = -generator.nextUnit() * pow(10, Double(generator.next() % 28) - 8)
            }
            guard value.isFinite, value.magnitude < 1e20 else { continue }
            checked += 1
            bytes.removeAll(keepingCapacity: true)
            DecimalText.append(value, places: 3, to: &bytes)
            if !Self.isShortestRounded(value, bytes) {
                mismatches.append("\(value): \(String(decoding: bytes, as: UTF8.self))")
            }
        }
        #expect(checked > 1_000_000)
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10))")
    }

    /// Whether `bytes` is the sign, at least one integer digit without a leading zero, a point
    /// and three decimals, worth `value`'s shortest decimal rounded half to even (by `Decimal`).
    static func isShortestRounded(_ value: Double, _ bytes: [UInt8]) -> Bool {
        let isNegative = bytes.first == UInt8(ascii: "-")
        let unsigned = bytes.dropFirst(isNegative ? 1 : 0)
        guard isNegative == (value.sign == .minus), let point = unsigned.firstIndex(of: UInt8(ascii: ".")),
            unsigned.endIndex - point == 4, point > unsigned.startIndex,
            unsigned[unsigned.startIndex] != UInt8(ascii: "0") || point == unsigned.startIndex + 1,
            unsigned.allSatisfy({ $0 == UInt8(ascii: ".") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
            let written = Decimal(string: String(decoding: unsigned, as: UTF8.self))
        else { return false }
        // Below 1e-100 (out of Decimal's range) the shortest decimal rounds to zero.
        guard value.magnitude >= 1e-100 else { return written == 0 }
        guard var shortest = Decimal(string: value.magnitude.description) else { return false }
        var rounded = Decimal()
        NSDecimalRound(&rounded, &shortest, 3, .bankers)
        return written == rounded
    }

    @Test func signsAndZeros() {
        #expect(DecimalText.format(-0.0, places: 3) == "-0.000")
        #expect(DecimalText.format(-0.0001, places: 3) == "-0.000")
        #expect(DecimalText.format(-0.4, places: 0) == "-0")
        #expect(DecimalText.format(0, places: 0) == "0")
        #expect(DecimalText.format(-1234.5625, places: 3) == "-1234.562")
        #expect(DecimalText.format(1e15, places: 3) == "1000000000000000.000")
        #expect(DecimalText.format(0.0005, places: 3) == "0.000", "ICU rounds the shortest decimal, 0.0005")
        #expect(DecimalText.format(2.5, places: 6) == "2.500000")
        #expect(DecimalText.format(1.0 / 3, places: 20) == String(format: "%.20f", locale: Self.posix, 1.0 / 3))
    }

    @Test func nonFiniteValuesHaveNoText() {
        for value in [Double.nan, .infinity, -.infinity] {
            #expect(DecimalText.format(value, places: 3) == nil)
            var bytes: [UInt8] = [1]
            #expect(!DecimalText.append(value, places: 3, to: &bytes))
            #expect(bytes == [1])
        }
    }

    @Test func appendsToText() {
        var text = "t="
        #expect(DecimalText.append(12.3456, places: 2, to: &text))
        #expect(text == "t=12.35")
    }

    /// Whole numbers after bytes already written: only the new digits are reversed into place.
    @Test func integersAreWhatStringWrites() {
        var generator = SplitMix64(seed: 7)
        let values =
            [0, 1, -1, 9, 10, -10, 12_345, Int.max, Int.min]
            + (0..<1_000).map { _ in Int(bitPattern: UInt(generator.next())) >> (generator.next() % 64) }
        for value in values {
            var bytes = Array("n=".utf8)
            DecimalText.appendInteger(value, to: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == "n=\(value)")
        }
    }
}

/// Rounds `value.description`'s shortest decimal half to even, by hand on its characters.
enum ShortestRounding {
    static func format(_ value: Double, places: Int) -> String {
        let text = value.magnitude.description
        let parts = text.split(separator: "e")
        let exponent = parts.count == 2 ? Int(parts[1])! : 0
        let mantissa = parts[0].split(separator: ".", omittingEmptySubsequences: false)
        var digits = Array(mantissa[0]) + (mantissa.count == 2 ? Array(mantissa[1]) : [])
        var point = mantissa[0].count + exponent
        // Make the digits hold places + 1 decimals and at least one integer digit.
        if point < 1 {
            digits.insert(contentsOf: repeatElement("0", count: 1 - point), at: 0)
            point = 1
        }
        let wanted = point + places
        if digits.count < wanted + 1 { digits += repeatElement("0", count: wanted + 1 - digits.count) }
        var kept = digits[..<wanted].map { Int(String($0))! }
        let dropped = digits[wanted...].map { Int(String($0))! }
        let isAboveHalf = dropped[0] > 5 || (dropped[0] == 5 && dropped.dropFirst().contains { $0 != 0 })
        let isHalf = dropped[0] == 5 && !isAboveHalf
        if isAboveHalf || (isHalf && kept.last! % 2 == 1) {
            var i = kept.count - 1
            while i >= 0 && kept[i] == 9 {
                kept[i] = 0
                i -= 1
            }
            if i >= 0 { kept[i] += 1 } else { kept.insert(1, at: 0) }
        }
        var result = kept.map(String.init).joined()
        while result.count > places + 1 && result.first == "0" { result.removeFirst() }
        if places > 0 { result.insert(".", at: result.index(result.endIndex, offsetBy: -places)) }
        return (value.sign == .minus ? "-" : "") + result
    }
}
