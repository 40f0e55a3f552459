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
    /// One buffer for every entry, so an entry costs no encoder and no intermediate strings.
    private var bytes: [UInt8] = []

    public init(folder: RunFolder, origin: ContinuousClock.Instant) {
        jsonl = BufferedFileWriter(url: folder.file("responses.jsonl"))
        text = BufferedFileWriter(url: folder.file("responses.txt"))
        self.origin = origin
        bytes.reserveCapacity(16 * 1024)
    }

    /// Why each file could not be written, for those that could not.
    public var failures: [String] { [jsonl.failure, text.failure].compactMap { $0 } }

    public func append(_ record: RequestRecord, prompt: String) {
        let entry = ResponseEntry(record: record, prompt: prompt, origin: origin)
        bytes.removeAll(keepingCapacity: true)
        entry.appendJSONLine(to: &bytes)
        jsonl.write(bytes)
        bytes.removeAll(keepingCapacity: true)
        Self.appendReadable(entry, to: &bytes)
        text.write(bytes)
    }

    public func close() {
        jsonl.close()
        text.close()
    }

    /// One entry as a block of text: a header line with the figures, then the prompt, any
    /// reasoning, the response or the error.
    static func readable(_ e: ResponseEntry) -> String {
        var bytes: [UInt8] = []
        appendReadable(e, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// ``readable(_:)``'s text, appended as UTF-8.
    static func appendReadable(_ e: ResponseEntry, to bytes: inout [UInt8]) {
        func add(_ text: String) { bytes.append(contentsOf: text.utf8) }
        func add(_ value: Double, places: Int) {
            if !DecimalText.append(value, places: places, to: &bytes) { add("–") }
        }
        func addTruncation(_ count: Int?) {
            guard let count else { return }
            add("… [truncated: ")
            add(String(count))
            add(" more bytes]")
        }
        add("#")
        add(String(e.index))
        add(" ")
        add(e.outcome)
        if e.phase == "warmup" { add(" (warm-up)") }
        if let status = e.httpStatus {
            add(" HTTP ")
            add(String(status))
        }
        add(" · scheduled +")
        add(e.scheduledS, places: 3)
        add(" s")
        if let ttft = e.ttftMs {
            add(" · TTFT ")
            add(ttft, places: 1)
            add(" ms")
        }
        if let e2e = e.e2eMs {
            add(" · E2E ")
            add(e2e, places: 1)
            add(" ms")
        }
        if let tokens = e.outputTokens {
            add(" · ")
            add(String(tokens))
            add(" tokens (")
            add(e.outputTokensSource ?? "?")
            add(")")
        }
        if let reason = e.finishReason {
            add(" · ")
            add(reason)
        }
        add("\n--- prompt\n")
        add(e.prompt)
        add("\n")
        if !e.reasoning.isEmpty {
            add("--- reasoning\n")
            add(e.reasoning)
            addTruncation(e.reasoningTruncatedBytes)
            add("\n")
        }
        if let error = e.error {
            add("--- error\n")
            add(error)
            add("\n")
        }
        if !e.response.isEmpty || e.error == nil {
            add("--- response\n")
            add(e.response)
            addTruncation(e.responseTruncatedBytes)
            add("\n")
        }
        bytes.append(contentsOf: repeatElement(UInt8(ascii: "="), count: 72))
        add("\n")
    }
}
