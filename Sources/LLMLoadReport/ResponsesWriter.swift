import Foundation
import LLMLoadCore

/// Streams every request's prompt and answer to `responses.jsonl` (one JSON object a line, for
/// programs) and `responses.txt` (the same for a person), so a user can see the model really
/// answered. Text is written as UTF-8, with its commas, quotes, newlines and Chinese intact.
///
/// Like ``RequestsCSVWriter``, a failure is remembered per file; the other file and the other
/// outputs are still written.
public final class ResponsesWriter {
    private let jsonl: BufferedFileWriter
    private let text: BufferedFileWriter
    private let origin: ContinuousClock.Instant
    private let encoder: JSONEncoder

    public init(folder: RunFolder, origin: ContinuousClock.Instant) {
        jsonl = BufferedFileWriter(url: folder.file("responses.jsonl"))
        text = BufferedFileWriter(url: folder.file("responses.txt"))
        self.origin = origin
        encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN"
        )
    }

    /// Why each file could not be written, for those that could not.
    public var failures: [String] { [jsonl.failure, text.failure].compactMap { $0 } }

    public func append(_ record: RequestRecord, prompt: String) {
        let entry = ResponseEntry(record: record, prompt: prompt, origin: origin)
        if let data = try? encoder.encode(entry) {
            jsonl.write(String(decoding: data, as: UTF8.self) + "\n")
        }
        text.write(Self.readable(entry))
    }

    public func close() {
        jsonl.close()
        text.close()
    }

    /// One entry as a block of text: a header line with the figures, then the prompt, any
    /// reasoning, the response or the error.
    static func readable(_ e: ResponseEntry) -> String {
        var header = "#\(e.index) \(e.outcome)"
        if e.phase == "warmup" { header += " (warm-up)" }
        if let status = e.httpStatus { header += " HTTP \(status)" }
        header += " · scheduled +\(DecimalText.format(e.scheduledS, places: 3) ?? "–") s"
        if let ttft = e.ttftMs { header += " · TTFT \(DecimalText.format(ttft, places: 1) ?? "–") ms" }
        if let e2e = e.e2eMs { header += " · E2E \(DecimalText.format(e2e, places: 1) ?? "–") ms" }
        if let tokens = e.outputTokens { header += " · \(tokens) tokens (\(e.outputTokensSource ?? "?"))" }
        if let reason = e.finishReason { header += " · \(reason)" }
        var block = header + "\n--- prompt\n" + e.prompt + "\n"
        if !e.reasoning.isEmpty { block += "--- reasoning\n" + e.reasoning + "\n" }
        if let error = e.error { block += "--- error\n" + error + "\n" }
        if !e.response.isEmpty || e.error == nil { block += "--- response\n" + e.response + "\n" }
        return block + String(repeating: "=", count: 72) + "\n"
    }
}
