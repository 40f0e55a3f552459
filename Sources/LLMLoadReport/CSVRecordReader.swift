import Foundation

/// Reads an RFC 4180 file (a header row, then records; quoted fields may hold commas, doubled
/// quotes and line breaks) a record at a time, straight from its bytes, in 256 KB chunks.
///
/// Made for the report, which reads every row of `requests.csv` back but needs a few columns
/// of each: CSV.swift decodes every field of every row into a `String` through a Unicode
/// iterator, which took 0.45 of the 0.8 CPU-s `llmload report` spent on a 20,000-request run.
/// Here a record's unquoted bytes go into one reused buffer, and a field becomes a `String` or
/// a number only when asked for. `CSVRecordReaderTests` holds it to CSV.swift's reading.
struct CSVRecordReader {
    /// The header row's names, in order.
    private(set) var header: [String] = []
    private let handle: FileHandle
    private var chunk: [UInt8] = []
    private var position = 0
    private var isAtEnd = false
    /// The current record's fields, unquoted and one after another, and where each ends.
    private var bytes: [UInt8] = []
    private var ends: [Int] = []

    /// Opens `url` and reads its header row. `nil`: the file cannot be opened or is empty.
    init?(url: URL) {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return nil }
        self.handle = handle
        guard next() else { return nil }
        header = (0..<ends.count).map { string($0) ?? "" }
    }

    /// The column named `name`, to read fields by.
    func column(_ name: String) -> Int? {
        header.firstIndex(of: name)
    }

    /// Moves to the next record. `false`: the file has no more.
    mutating func next() -> Bool {
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        guard peek() != nil else { return false }
        var isQuoted = false
        var isFieldStart = true
        while let byte = take() {
            if isQuoted {
                if byte == UInt8(ascii: "\"") {
                    if peek() == UInt8(ascii: "\"") {
                        _ = take()
                        bytes.append(byte)
                    } else {
                        isQuoted = false
                    }
                } else {
                    bytes.append(byte)
                }
                continue
            }
            switch byte {
            case UInt8(ascii: ","):
                ends.append(bytes.count)
                isFieldStart = true
                continue
            case UInt8(ascii: "\n"):
                ends.append(bytes.count)
                return true
            case UInt8(ascii: "\r") where peek() == UInt8(ascii: "\n"):
                continue
            case UInt8(ascii: "\"") where isFieldStart:
                isQuoted = true
            default:
                bytes.append(byte)
            }
            isFieldStart = false
        }
        ends.append(bytes.count)
        return true
    }

    /// Field `index` of the current record as text; `nil` when the record has no such field.
    func string(_ index: Int?) -> String? {
        withField(index) { String(decoding: $0, as: UTF8.self) }
    }

    /// Field `index` as a number, read as `Double(String)` reads it; `nil` when it is empty,
    /// missing or not a number.
    func double(_ index: Int?) -> Double? {
        withField(index) { field in
            // Up to 15 bytes, the `String` is stored inline: no allocation for the usual figure.
            field.isEmpty ? nil : Double(String(decoding: field, as: UTF8.self))
        } ?? nil
    }

    /// Whether field `index` is exactly `text`; `false` when the record has no such field.
    func field(_ index: Int?, is text: StaticString) -> Bool {
        withField(index) { field in
            field.elementsEqual(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
        } ?? false
    }

    private func withField<T>(_ index: Int?, _ body: (ArraySlice<UInt8>) -> T) -> T? {
        guard let index, index >= 0, index < ends.count else { return nil }
        return body(bytes[(index == 0 ? 0 : ends[index - 1])..<ends[index]])
    }

    private mutating func peek() -> UInt8? {
        if position == chunk.count && !refill() { return nil }
        return chunk[position]
    }

    private mutating func take() -> UInt8? {
        guard let byte = peek() else { return nil }
        position += 1
        return byte
    }

    private mutating func refill() -> Bool {
        guard !isAtEnd else { return false }
        let data = (try? handle.read(upToCount: 256 * 1024)) ?? nil
        guard let data, !data.isEmpty else {
            // Closed here, once; a reader left before the end closes on deinit (FileHandle's).
            isAtEnd = true
            try? handle.close()
            return false
        }
        chunk = [UInt8](data)
        position = 0
        return true
    }
}
