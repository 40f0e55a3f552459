import CSV
import Foundation

/// A CSV file that llmload wrote, read back as column → value dictionaries.
public enum CSVRows {
    public static func read(_ url: URL) throws -> [[String: String]] {
        let reader = try CSVReader(string: try String(contentsOf: url, encoding: .utf8), hasHeaderRow: true)
        let header = reader.headerRow ?? []
        return reader.map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }
}

extension Dictionary where Key == String, Value == String {
    /// The column's value as a number; `nil` when empty or absent.
    public func number(_ column: String) -> Double? { self[column].flatMap(Double.init) }
}
