import CSV

/// `requests.csv` as column → value dictionaries.
enum CSVRows {
    static func parse(_ text: String) throws -> [[String: String]] {
        let reader = try CSVReader(string: text, hasHeaderRow: true)
        let header = reader.headerRow ?? []
        return reader.map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }
}

extension Dictionary where Key == String, Value == String {
    func number(_ column: String) -> Double? { self[column].flatMap(Double.init) }
}
