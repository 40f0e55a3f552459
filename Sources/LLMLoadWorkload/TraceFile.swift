import Foundation
import LLMLoadCore

/// Reads a trace file (`--trace`): Mooncake's JSONL or BurstGPT's CSV, told apart by the file's
/// extension (`.jsonl`/`.json`, `.csv`), else by its first line.
///
/// - Mooncake: one JSON object a line, `timestamp` in milliseconds, `input_length`,
///   `output_length` and `hash_ids` (the prompt's blocks; optional).
/// - BurstGPT: a header line naming the columns (`Timestamp,Model,Request tokens,Response
///   tokens,Total tokens,Log Type`), then one row a request, `Timestamp` in seconds. Its fields
///   hold no commas or quotes, so a row is split at every comma.
///
/// Entries are put in the order of their timestamps (the file's order among equal ones); the
/// trace's time 0 is its first entry. The window keeps a span of that time and moves its start
/// to 0; the speed then divides every instant. A length of 0 (BurstGPT's failed requests have
/// no answer) is sent as 1: no server takes a prompt or an answer of none.
public enum TraceFile {
    /// Reads `path`.
    /// - Parameters:
    ///   - format: the layout; `nil`: told from the extension or the first line.
    /// - Throws: ``TraceFileError`` for a file that cannot be read or used, naming the line.
    public static func load(
        path: String, format: Trace.Format? = nil, speed: Double = 1, window: Trace.Window? = nil,
        blockTokens: Int = Trace.defaultBlockTokens
    ) throws(TraceFileError) -> Trace {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .unreadable(path: path, reason: (error as NSError).localizedDescription)
        }
        return try parse(text, path: path, format: format, speed: speed, window: window, blockTokens: blockTokens)
    }

    /// Reads a trace from its text; `path` names it in messages and outputs.
    public static func parse(
        _ text: String, path: String, format: Trace.Format? = nil, speed: Double = 1, window: Trace.Window? = nil,
        blockTokens: Int = Trace.defaultBlockTokens
    ) throws(TraceFileError) -> Trace {
        precondition(speed.isFinite && speed > 0, "the speed is validated by the command line")
        // Numbered from 1, blank lines skipped. A CSV's CRLF is one `Character`, a newline like LF.
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated()
            .compactMap { number, line -> (Int, Substring)? in
                line.allSatisfy(\.isWhitespace) ? nil : (number + 1, line)
            }
        guard let first = lines.first else { throw .empty(path: path) }
        let resolved: Trace.Format
        if let format { resolved = format } else { resolved = try detect(path: path, firstLine: first.1) }
        let records: [Record] =
            switch resolved {
            case .mooncake:
                try lines.map { line, text throws(TraceFileError) in try mooncake(text, line: line, path: path) }
            case .burstGPT: try burstGPT(lines, path: path)
            }
        guard !records.isEmpty else { throw .empty(path: path) }
        let sorted = records.sorted { ($0.seconds, $0.line) < ($1.seconds, $1.line) }
        let origin = sorted[0].seconds
        let (from, to) = (window?.start.seconds ?? 0, window?.end.seconds ?? .infinity)
        var entries: [Trace.Entry] = []
        for record in sorted {
            let time = record.seconds - origin
            guard time >= from && time < to else { continue }
            // A very slow replay could stretch an instant past what a `Duration` holds.
            let seconds = (time - from) / speed
            guard seconds < latestSeconds else {
                throw .badLine(
                    path: path, line: record.line,
                    reason: "at --trace-speed \(speed) it is due \(seconds) s after the start")
            }
            entries.append(
                Trace.Entry(
                    offset: .nanoseconds(Int64((seconds * 1e9).rounded())), inputTokens: max(1, record.inputTokens),
                    outputTokens: max(1, record.outputTokens), hashIDs: record.hashIDs, line: record.line))
        }
        if let window, entries.isEmpty {
            throw .emptyWindow(path: path, window: window, spanSeconds: sorted[sorted.count - 1].seconds - origin)
        }
        return Trace(
            path: path, format: resolved, speed: speed, window: window, blockTokens: blockTokens, entries: entries,
            fileEntries: records.count)
    }

    /// One entry as read, before the window and speed.
    struct Record {
        var seconds: Double
        var inputTokens: Int
        var outputTokens: Int
        var hashIDs: [Int]
        var line: Int
    }

    static func detect(path: String, firstLine: Substring) throws(TraceFileError) -> Trace.Format {
        switch URL(fileURLWithPath: path).pathExtension.lowercased() {
        case "jsonl", "json": return .mooncake
        case "csv": return .burstGPT
        default:
            let line = firstLine.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("{") { return .mooncake }
            if line.lowercased().hasPrefix("timestamp,") { return .burstGPT }
            throw .unknownFormat(path: path)
        }
    }

    /// The times a trace may hold: below a billion seconds, so every instant is a `Duration`.
    static let latestSeconds = 1e9

    /// One line of Mooncake's JSONL; numbers read as `Double` so that a fraction is reported,
    /// not refused as a type.
    private struct MooncakeLine: Decodable {
        var timestamp: Double?
        var inputLength: Double?
        var outputLength: Double?
        var hashIDs: [Double]?

        enum CodingKeys: String, CodingKey {
            case timestamp
            case inputLength = "input_length"
            case outputLength = "output_length"
            case hashIDs = "hash_ids"
        }
    }

    private static func mooncake(_ text: Substring, line: Int, path: String) throws(TraceFileError) -> Record {
        let bad = { (reason: String) in TraceFileError.badLine(path: path, line: line, reason: reason) }
        let object: MooncakeLine
        do {
            object = try JSONDecoder().decode(MooncakeLine.self, from: Data(text.utf8))
        } catch DecodingError.typeMismatch(_, let context) where !context.codingPath.isEmpty {
            throw bad("\(context.codingPath[0].stringValue) has the wrong type")
        } catch {
            throw bad("not a JSON object")
        }
        guard let timestamp = object.timestamp else { throw bad("no timestamp") }
        guard timestamp >= 0, timestamp / 1000 < latestSeconds else {
            throw bad("timestamp \(timestamp) is out of range")
        }
        return Record(
            seconds: timestamp / 1000, inputTokens: try count(object.inputLength, "input_length", bad),
            outputTokens: try count(object.outputLength, "output_length", bad),
            hashIDs: try (object.hashIDs ?? []).map { id throws(TraceFileError) in
                guard id.rounded() == id, abs(id) < 9e15 else { throw bad("hash_ids holds \(id), not a whole number") }
                return Int(id)
            }, line: line)
    }

    private static func burstGPT(_ lines: [(Int, Substring)], path: String) throws(TraceFileError) -> [Record] {
        let header = lines[0].1.split(separator: ",", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces).lowercased()
        }
        func column(_ name: String) throws(TraceFileError) -> Int {
            guard let index = header.firstIndex(of: name.lowercased()) else {
                throw .missingColumn(path: path, column: name)
            }
            return index
        }
        let (time, request, response) = (
            try column("Timestamp"), try column("Request tokens"), try column("Response tokens")
        )
        return try lines.dropFirst().map { line, text throws(TraceFileError) in
            let bad = { (reason: String) in TraceFileError.badLine(path: path, line: line, reason: reason) }
            let fields = text.split(separator: ",", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard fields.count >= header.count else {
                throw bad("\(fields.count) fields where the header names \(header.count)")
            }
            guard let seconds = Double(fields[time]), seconds >= 0, seconds < latestSeconds else {
                throw bad("Timestamp \"\(fields[time])\" is not a number of seconds")
            }
            return Record(
                seconds: seconds, inputTokens: try count(Double(fields[request]), "Request tokens", bad),
                outputTokens: try count(Double(fields[response]), "Response tokens", bad), hashIDs: [], line: line)
        }
    }

    /// A token count: a whole number from 0 to ``InputLength/maximumTokens``.
    private static func count(
        _ value: Double?, _ name: String, _ bad: (String) -> TraceFileError
    ) throws(TraceFileError) -> Int {
        guard let value else { throw bad("no \(name)") }
        guard value.rounded() == value, value >= 0, value <= Double(InputLength.maximumTokens) else {
            throw bad("\(name) \(value) is not a whole number of tokens from 0 to \(InputLength.maximumTokens)")
        }
        return Int(value)
    }
}

/// Why a trace file could not be used; stops the run before any load.
public enum TraceFileError: Error, CustomStringConvertible, Equatable {
    case unreadable(path: String, reason: String)
    case empty(path: String)
    case unknownFormat(path: String)
    case missingColumn(path: String, column: String)
    case badLine(path: String, line: Int, reason: String)
    case emptyWindow(path: String, window: Trace.Window, spanSeconds: Double)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): "cannot read the trace \(path): \(reason)"
        case .empty(let path): "the trace \(path) has no entries"
        case .unknownFormat(let path):
            "cannot tell the format of the trace \(path): name it .jsonl (Mooncake) or .csv (BurstGPT)"
        case .missingColumn(let path, let column):
            "the trace \(path) has no column \"\(column)\" in its header (BurstGPT: Timestamp,Model,Request tokens,Response tokens,…)"
        case .badLine(let path, let line, let reason): "the trace \(path), line \(line): \(reason)"
        case .emptyWindow(let path, let window, let span):
            "--trace-window \(window) holds no entry of the trace \(path), which spans \(span) s"
        }
    }
}
