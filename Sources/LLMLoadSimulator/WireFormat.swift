import Hummingbird

/// How one API spells a response: the simulator's timing is shared, only the bytes differ.
protocol WireFormat: Sendable {
    /// `Content-Type` of a streaming response.
    var streamContentType: String { get }
    /// Bytes sent as soon as the stream opens, before any token (OpenAI's role-only chunk).
    func preamble() -> String?
    /// How a token's bytes are spelled: the bytes before and after its quoted text.
    var tokenFraming: TokenFraming { get }
    /// The end of a complete stream (terminator, finish reason, counts).
    func streamEnd(truth: SimulatedRequestTruth, generation: SimulatedGeneration) -> String
    /// A whole non-streaming answer.
    func completeBody(text: String, truth: SimulatedRequestTruth, generation: SimulatedGeneration) -> String
    /// An error answer before any token.
    func errorBody(_ message: String, status: HTTPResponse.Status) -> String
    /// What a mid-stream fault writes, if anything.
    func fault(_ kind: FaultKind) -> String?
}

/// One token's chunk is `head`, the token's text as a JSON string, then `tail`: the constant
/// parts are built once per request, so a token costs three copies into the write's buffer.
/// The first `reasoningTokens` tokens use the reasoning field's head and tail instead; with
/// ``ReasoningStyle/inline``, they are answer text, the first opening with `<think>` and the
/// first answer token with `</think>`.
struct TokenFraming: Sendable {
    let head: [UInt8]
    let tail: [UInt8]
    let reasoningHead: [UInt8]
    let reasoningTail: [UInt8]
    let reasoningTokens: Int
    /// Inline style: the quoted text of the first reasoning token and of the first answer token.
    let inlineTags: (open: [UInt8], close: [UInt8])?
    /// The word of ``TokenText`` token 0 is: `0`, unless the simulator numbers its answers
    /// (``SimulatorConfiguration/variesAnswers``).
    var firstWord = 0

    init(
        head: String, tail: String, reasoning: (head: String, tail: String)? = nil, reasoningTokens: Int = 0,
        style: ReasoningStyle = .field
    ) {
        self.head = Array(head.utf8)
        self.tail = Array(tail.utf8)
        let isInline = style == .inline && reasoningTokens > 0
        let field = isInline ? nil : reasoning
        reasoningHead = Array((field?.head ?? head).utf8)
        reasoningTail = Array((field?.tail ?? tail).utf8)
        self.reasoningTokens = reasoning == nil && !isInline ? 0 : reasoningTokens
        inlineTags =
            isInline
            ? (
                Array(JSONText.quoted("<think>" + TokenText.token(0)).utf8),
                Array(JSONText.quoted("</think>" + TokenText.token(reasoningTokens)).utf8)
            ) : nil
    }

    /// Token `index`'s text as a JSON string, with the inline tags where they go.
    private func quoted(_ index: Int) -> [UInt8] {
        if let inlineTags {
            if index == 0 { return inlineTags.open }
            if index == reasoningTokens { return inlineTags.close }
        }
        return TokenText.quoted(index + firstWord)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// The chunks of `tokens`, in order, as one buffer for one write. `framed`: as one HTTP/1.1
    /// chunk, its size line before and CRLF after, to be written past the HTTP encoder.
    func chunks(_ tokens: Range<Int>, framed: Bool = false) -> ByteBuffer {
        var buffer = ByteBuffer()
        let longest = max(head.count + tail.count, reasoningHead.count + reasoningTail.count)
        // Room for the size line in front (any length's hex digits and CRLF), filled in last.
        let sizeLineRoom = framed ? 18 : 0
        buffer.reserveCapacity(sizeLineRoom + tokens.count * (longest + TokenText.longestQuoted + 10) + 2)
        buffer.moveWriterIndex(forwardBy: sizeLineRoom)
        buffer.moveReaderIndex(forwardBy: sizeLineRoom)
        for index in tokens {
            let isReasoning = index < reasoningTokens
            buffer.writeBytes(isReasoning ? reasoningHead : head)
            buffer.writeBytes(quoted(index))
            buffer.writeBytes(isReasoning ? reasoningTail : tail)
        }
        // An empty chunk would end the body: nothing to frame (the encoder skips empty ones too).
        if framed, buffer.readableBytes > 0 {
            // The size in hex and CRLF, written backwards into the room, ending where the bytes start.
            var start = sizeLineRoom - 2
            _ = buffer.setStaticString("\r\n", at: start)
            var size = buffer.readableBytes
            repeat {
                start -= 1
                _ = buffer.setInteger(Self.hexDigits[size & 0xF], at: start)
                size >>= 4
            } while size > 0
            buffer.moveReaderIndex(to: start)
            buffer.writeStaticString("\r\n")
        }
        return buffer
    }
}

extension SimulatedRequest {
    /// `length` when the request set a limit (the simulator always reaches it), else `stop`.
    var finishReason: String { requestedTokens == nil ? "stop" : "length" }
}
