/// Reads the parts of one line of the Prometheus text format from its bytes: metric and label
/// names, quoted label values with their escapes, and numbers. Every read checks its bounds, so
/// any input gives a value or `nil`, never a trap.
struct PrometheusLineScanner {
    private let bytes: ArraySlice<UInt8>
    private var position: Int

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        position = bytes.startIndex
    }

    var isAtEnd: Bool { position >= bytes.endIndex }
    var peek: UInt8? { isAtEnd ? nil : bytes[position] }

    mutating func advance() { position += 1 }

    mutating func skipBlanks() {
        while let byte = peek, byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r") {
            advance()
        }
    }

    /// Bytes up to the next blank, as text.
    mutating func word() -> String {
        let start = position
        while let byte = peek, byte != UInt8(ascii: " "), byte != UInt8(ascii: "\t"), byte != UInt8(ascii: "\r") {
            advance()
        }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    /// `[a-zA-Z_:][a-zA-Z0-9_:]*`.
    mutating func metricName() -> String? { name(allowsColon: true) }

    /// A whole sample line; `nil` when any part of it is malformed.
    mutating func sample() -> PrometheusText.Sample? {
        guard let name = metricName() else { return nil }
        var labels: [PrometheusText.Label] = []
        skipBlanks()
        if peek == UInt8(ascii: "{") {
            advance()
            guard let read = labelSet() else { return nil }
            labels = read
        }
        skipBlanks()
        guard let value = Self.number(word()) else { return nil }
        skipBlanks()
        // An optional integer timestamp (milliseconds); nothing may follow it.
        if !isAtEnd {
            guard Int64(word()) != nil else { return nil }
            skipBlanks()
            guard isAtEnd else { return nil }
        }
        return PrometheusText.Sample(name: name, labels: labels, value: value)
    }

    /// The text after the current position, with HELP's escapes (`\\`, `\n`) undone.
    mutating func restUnescaped() -> String {
        var out: [UInt8] = []
        while let byte = peek {
            advance()
            guard byte == UInt8(ascii: "\\"), let next = peek else {
                out.append(byte)
                continue
            }
            advance()
            switch next {
            case UInt8(ascii: "n"): out.append(UInt8(ascii: "\n"))
            case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\"))
            default: out += [byte, next]
            }
        }
        while let last = out.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\r") { out.removeLast() }
        return String(decoding: out, as: UTF8.self)
    }

    /// `name="value",…}` after the opening brace; a trailing comma is allowed.
    private mutating func labelSet() -> [PrometheusText.Label]? {
        var labels: [PrometheusText.Label] = []
        while true {
            skipBlanks()
            if peek == UInt8(ascii: "}") {
                advance()
                return labels
            }
            guard let name = name(allowsColon: false) else { return nil }
            skipBlanks()
            guard peek == UInt8(ascii: "=") else { return nil }
            advance()
            skipBlanks()
            guard let value = quoted() else { return nil }
            labels.append(PrometheusText.Label(name, value))
            skipBlanks()
            if peek == UInt8(ascii: ",") {
                advance()
            } else if peek != UInt8(ascii: "}") {
                return nil
            }
        }
    }

    /// A double-quoted label value with `\\`, `\"` and `\n` undone; `nil` if it never closes.
    private mutating func quoted() -> String? {
        guard peek == UInt8(ascii: "\"") else { return nil }
        advance()
        var out: [UInt8] = []
        while let byte = peek {
            advance()
            switch byte {
            case UInt8(ascii: "\""):
                return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard let next = peek else { return nil }
                advance()
                switch next {
                case UInt8(ascii: "n"): out.append(UInt8(ascii: "\n"))
                case UInt8(ascii: "\\"), UInt8(ascii: "\""): out.append(next)
                default: out += [byte, next]
                }
            default:
                out.append(byte)
            }
        }
        return nil
    }

    private mutating func name(allowsColon: Bool) -> String? {
        let start = position
        while let byte = peek {
            let isLetter = (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
            let isDigit = byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
            let allowed =
                isLetter || byte == UInt8(ascii: "_") || (allowsColon && byte == UInt8(ascii: ":"))
                || (isDigit && position > start)
            guard allowed else { break }
            advance()
        }
        return position > start ? String(decoding: bytes[start..<position], as: UTF8.self) : nil
    }

    /// A sample value: Go's `ParseFloat` syntax as Prometheus writes it, `+Inf`, `-Inf` and
    /// `NaN` included (any case).
    static func number(_ text: String) -> Double? {
        switch text.lowercased() {
        case "+inf", "inf": return .infinity
        case "-inf": return -.infinity
        case "nan": return .nan
        default: break
        }
        // `Double(_:)` also takes "infinity" and hex floats; only plain decimals are values here.
        guard !text.isEmpty,
            text.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || "+-.eE".utf8.contains($0) })
        else { return nil }
        return Double(text)
    }
}
