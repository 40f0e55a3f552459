import Foundation
import LLMLoadCore
import LLMLoadTestSupport

/// The fault table of `docs/reliability.md`, read back so the tests can hold the document to
/// what llmload does: a row's recorded outcome and error are compared with the matrix's.
///
/// A row is a Markdown table line whose first cell is a fault id in backticks:
/// `| \`id\` | what the server does | \`ollama outcome\` | \`openai outcome\` | \`error prefix\` or — | bound |`.
struct ReliabilityTable {
    struct Row: Equatable {
        var outcome: [FaultServer.API: RequestOutcome]
        /// Empty when the cell is `—` (nothing recorded in `error`).
        var errorPrefix: String
        var bound: String
    }

    var rows: [String: Row]

    /// `docs/reliability.md`, found from this file's place in the repository.
    static var url: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/reliability.md")
    }

    static func load() throws -> ReliabilityTable {
        try parse(String(contentsOf: url, encoding: .utf8))
    }

    static func parse(_ text: String) throws -> ReliabilityTable {
        var rows: [String: Row] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("| `") {
            let cells = line.split(separator: "|", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
                .dropFirst().dropLast()
            let fields = Array(cells)
            guard fields.count == 6 else { throw TableError.badRow(String(line)) }
            let id = unquoted(fields[0])
            guard let ollama = RequestOutcome(rawValue: unquoted(fields[2])),
                let openAI = RequestOutcome(rawValue: unquoted(fields[3]))
            else { throw TableError.badRow(String(line)) }
            guard rows[id] == nil else { throw TableError.duplicate(id) }
            rows[id] = Row(
                outcome: [.ollama: ollama, .openAI: openAI],
                errorPrefix: fields[4] == "—" ? "" : unquoted(fields[4]),
                bound: fields[5])
        }
        return ReliabilityTable(rows: rows)
    }

    /// A cell's text without the backticks around it.
    private static func unquoted(_ cell: String) -> String {
        cell.count >= 2 && cell.hasPrefix("`") && cell.hasSuffix("`") ? String(cell.dropFirst().dropLast()) : cell
    }

    enum TableError: Error {
        case badRow(String)
        case duplicate(String)
    }
}
