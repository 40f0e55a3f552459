/// Builds CSV rows as UTF-8 in one reusable buffer, quoting as RFC 4180 requires: a field with a
/// comma, a double quote, a CR or an LF goes between double quotes, its quotes doubled.
///
/// Text that came from outside (a server's error message, its finish reason) goes in through
/// ``text(_:)``, which also keeps a spreadsheet from reading it as a formula (OWASP's advice for
/// CSV injection): a field that begins with `=`, `+`, `-`, `@`, a tab or a CR gets a leading `'`.
/// Numbers go in through ``number(_:)`` and ``integer(_:)`` and are never changed, so a negative
/// number stays a number.
struct CSVRowBuilder {
    /// The rows built since the last ``removeAll()``, each ending in `\n`.
    private(set) var bytes: [UInt8] = []
    private var isAtRowStart = true

    init(capacity: Int = 1024) {
        bytes.reserveCapacity(capacity)
    }

    /// Forgets the rows built, keeping the memory.
    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        isAtRowStart = true
    }

    /// Ends the row.
    mutating func endRow() {
        bytes.append(UInt8(ascii: "\n"))
        isAtRowStart = true
    }

    /// An empty field: an absent value.
    mutating func empty() {
        separate()
    }

    /// A text field from outside, quoted and kept from being a formula; empty when `nil`.
    mutating func text(_ value: String?) {
        separate()
        guard let value else { return }
        write(value, guardsFormula: true)
    }

    /// A field as it is (quoted where needed): names and text llmload itself made.
    mutating func plain(_ value: String) {
        separate()
        write(value, guardsFormula: false)
    }

    /// A number with three decimals; empty when `nil` or not finite.
    mutating func number(_ value: Double?) {
        separate()
        if let value { DecimalText.append(value, places: 3, to: &bytes) }
    }

    /// A whole number; empty when `nil`.
    mutating func integer(_ value: Int?) {
        separate()
        guard let value else { return }
        DecimalText.appendInteger(value, to: &bytes)
    }

    private mutating func separate() {
        if isAtRowStart {
            isAtRowStart = false
        } else {
            bytes.append(UInt8(ascii: ","))
        }
    }

    /// Whether a spreadsheet would take a cell that begins with `byte` for a formula.
    static func startsFormula(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D: true
        default: false
        }
    }

    private static func needsQuotes(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == 0x0D || byte == 0x0A
    }

    private mutating func write(_ value: String, guardsFormula: Bool) {
        var value = value
        value.withUTF8 { utf8 in
            let isQuoted = utf8.contains(where: Self.needsQuotes)
            if isQuoted { bytes.append(UInt8(ascii: "\"")) }
            if guardsFormula, let first = utf8.first, Self.startsFormula(first) { bytes.append(UInt8(ascii: "'")) }
            if isQuoted {
                var runStart = 0
                for (i, byte) in utf8.enumerated() where byte == UInt8(ascii: "\"") {
                    // Up to and including this quote, then the quote again.
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...i]))
                    bytes.append(UInt8(ascii: "\""))
                    runStart = i + 1
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
                bytes.append(UInt8(ascii: "\""))
            } else {
                bytes.append(contentsOf: utf8)
            }
        }
    }
}
