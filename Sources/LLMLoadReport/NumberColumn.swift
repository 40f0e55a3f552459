import Foundation

/// A long list of numbers in a page's chart data (a per-request series: up to 20,000 values),
/// written straight into the page's JSON by ``ReportRenderer/scriptSafeJSON(_:)``.
///
/// `JSONEncoder` builds a node for every value before it writes any: for a report's per-request
/// series that tree was most of the 12.5 MB of heap the report took, at the end of a run, on top
/// of what the load had left. Under that encoding the column is a placeholder the renderer
/// replaces with the numbers, as `JSONEncoder` writes them; under any other encoder it is the
/// array it holds.
struct NumberColumn: Encodable {
    /// The series as it was given: a plain series is not copied into optionals (16 bytes a value
    /// instead of 8, a second copy of every series at the report's peak).
    enum Values {
        case plain([Double])
        case optional([Double?])

        var count: Int {
            switch self {
            case .plain(let values): values.count
            case .optional(let values): values.count
            }
        }
    }

    var values: Values

    init(_ values: [Double?]) {
        self.values = .optional(values)
    }

    init(_ values: [Double]) {
        self.values = .plain(values)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let columns = encoder.userInfo[Columns.key] as? Columns {
            try container.encode(columns.placeholder(for: values))
        } else {
            switch values {
            case .plain(let values): try container.encode(values)
            case .optional(let values): try container.encode(values)
            }
        }
    }

    /// The columns of one encoding, in the order met, each standing in the JSON as a string made
    /// of a nonce and its index: a text from the run cannot hold the nonce.
    final class Columns: @unchecked Sendable {
        static let key = CodingUserInfoKey(rawValue: "llmload.numberColumns")!
        /// `"<nonce>:`, how every placeholder starts in the JSON.
        let marker = Array("\"\(UUID().uuidString):".utf8)
        private(set) var lists: [Values] = []

        /// How many numbers the columns hold together.
        var count: Int { lists.reduce(0) { $0 + $1.count } }

        fileprivate func placeholder(for values: Values) -> String {
            lists.append(values)
            return String(decoding: marker.dropFirst(), as: UTF8.self) + String(lists.count - 1)
        }
    }

    /// Appends the column's numbers as the JSON array the other `write` makes of them.
    static func write(_ values: Values, to output: inout [UInt8]) {
        switch values {
        case .plain(let values): write(values.lazy.map(Optional.some), to: &output)
        case .optional(let values): write(values, to: &output)
        }
    }

    /// Appends `values` as the JSON array `JSONEncoder` writes for them: the shortest text that
    /// reads back as the same number, without a trailing `.0`; `null` for none; non-finite values
    /// as the strings of the renderer's strategy.
    static func write(_ values: some Collection<Double?>, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            guard let value else {
                output.append(contentsOf: "null".utf8)
                continue
            }
            guard value.isFinite else {
                let text = value.isNaN ? "\"NaN\"" : value > 0 ? "\"Infinity\"" : "\"-Infinity\""
                output.append(contentsOf: text.utf8)
                continue
            }
            let text = value.description
            let utf8 = text.utf8
            if text.hasSuffix(".0") {
                output.append(contentsOf: utf8.dropLast(2))
            } else {
                output.append(contentsOf: utf8)
            }
        }
        output.append(UInt8(ascii: "]"))
    }
}
