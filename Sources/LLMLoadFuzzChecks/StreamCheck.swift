import LLMLoadBackends
import LLMLoadCore
import NIOCore

/// What a decoder made of a body: the events it reported, in order, and the error that stopped
/// it, if any. Events before an error count too: the observer has already recorded them.
struct DecodeOutcome: Equatable, CustomStringConvertible {
    var events: [StreamEvent] = []
    var error: ResponseDecodingError?

    var description: String { "\(events)" + (error.map { " then \($0)" } ?? "") }

    /// `chunks` through `decoder`, then its `finish`.
    init(_ decoder: consuming some ResponseDecoder, _ chunks: [ByteBuffer]) {
        var decoder = decoder
        var events: [StreamEvent] = []
        do throws(ResponseDecodingError) {
            for chunk in chunks { try decoder.decode(chunk) { events.append($0) } }
            try decoder.finish { events.append($0) }
        } catch {
            self.error = error
        }
        self.events = events
    }
}

/// Whole response bodies through the framers and decoders: however the body is cut into
/// network chunks, and whichever JSON reader reads it, the events (or the error) are the same.
public enum StreamCheck {
    /// The input as an SSE stream and as one non-streaming body, through `OpenAIStreamDecoder`.
    public static func openAI(_ bytes: [UInt8]) throws(FuzzFinding) {
        for isStreaming in [true, false] {
            let label = isStreaming ? "SSE" : "non-streaming body"
            try agree(
                bytes, label,
                fast: { OpenAIStreamDecoder(isStreaming: isStreaming) },
                reference: { OpenAIStreamDecoder(isStreaming: isStreaming, usesFastReader: false) })
        }
    }

    /// The input as NDJSON through `OllamaStreamDecoder`.
    public static func ollama(_ bytes: [UInt8]) throws(FuzzFinding) {
        try agree(
            bytes, "NDJSON", fast: { OllamaStreamDecoder() },
            reference: { OllamaStreamDecoder(usesFastReader: false) })
    }

    /// The fast decoder on the whole body equals the `JSONDecoder`-only one, and equals itself
    /// on the body cut into pieces.
    private static func agree<Decoder: ResponseDecoder>(
        _ bytes: [UInt8],
        _ label: String,
        fast: () -> Decoder,
        reference: () -> Decoder
    ) throws(FuzzFinding) {
        let whole = DecodeOutcome(fast(), ByteCuts.whole(bytes))
        let expected = DecodeOutcome(reference(), ByteCuts.whole(bytes))
        guard whole == expected else {
            throw FuzzFinding("\(label): the fast reader gave \(whole), JSONDecoder \(expected)")
        }
        let cut = DecodeOutcome(fast(), ByteCuts.pseudoRandom(bytes))
        guard cut == whole else {
            throw FuzzFinding("\(label): cut into chunks it gave \(cut), whole \(whole)")
        }
    }
}
