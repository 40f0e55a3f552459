import Foundation
import LLMLoadCore

/// Streams one row per request to `requests.csv` while the run goes, so memory does not grow
/// with the number of requests. Instants are written as milliseconds since the run's start.
/// Rows are built into one reusable buffer by ``CSVRowBuilder`` (RFC 4180 quoting, server text
/// kept from being a spreadsheet formula), with no formatter or writer object per row.
public final class RequestsCSVWriter {
    /// The columns, in order: ``fields``' names.
    public static let columns = fields.map(\.column)
    /// ``fields``' writers alone, so a row copies no column name.
    private static let writes = fields.map(\.write)

    private let file: BufferedFileWriter
    private let origin: ContinuousClock.Instant
    /// One buffer for every row, so a row costs no allocation.
    private var row = CSVRowBuilder()

    /// - Parameter origin: the run's start; every instant is written relative to it.
    public init(url: URL, origin: ContinuousClock.Instant) {
        self.file = BufferedFileWriter(url: url)
        self.origin = origin
        file.write(Self.line(Self.columns))
    }

    /// Why the file could not be written, if it could not.
    public var failure: String? { file.failure }

    public func append(_ record: RequestRecord) {
        row.removeAll()
        Self.build(record, origin: origin, into: &row)
        file.write(row.bytes)
    }

    public func close() { file.close() }

    /// One row, in the order of ``columns``.
    static func build(_ r: RequestRecord, origin: ContinuousClock.Instant, into row: inout CSVRowBuilder) {
        for write in writes { write(r, origin, &row) }
        row.endRow()
    }

    /// Three decimals, locale-independent.
    static func decimal(_ value: Double) -> String {
        DecimalText.format(value, places: 3) ?? ""
    }

    /// One CSV line (with its newline), every field as it is, quoted as RFC 4180 requires.
    static func line(_ fields: [String]) -> String {
        var row = CSVRowBuilder(capacity: 256)
        for field in fields { row.plain(field) }
        row.endRow()
        return String(decoding: row.bytes, as: UTF8.self)
    }
}
