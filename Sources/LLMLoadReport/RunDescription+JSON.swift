import Foundation
import LLMLoadCore

/// `config.json` is the run's description, encoded alone.
extension RunDescription {
    /// Pretty, sorted JSON with snake_case keys: `config.json`.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return try encoder.encode(self)
    }

    /// Reads a `config.json` of the current schema (see ``SchemaVersion1`` for the old one).
    public static func decode(_ data: Data) throws -> RunDescription {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(RunDescription.self, from: data)
    }
}
