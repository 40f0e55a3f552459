import LLMLoadCore
import NIOCore

/// Follows one HTTP exchange, from request head to end of body, and turns what it saw into the
/// timing and outcome part of a ``RequestRecord``.
///
/// A value-type state machine (AHC `Transaction+StateMachine` style): the transport feeds it
/// with instants it took the moment each callback fired, before any decoding, so JSON cost can
/// never inflate a latency.
public struct ResponseObserver<Decoder: ResponseDecoder>: Sendable {
    public typealias Instant = ContinuousClock.Instant

    private enum Phase: Sendable {
        case awaitingHead
        case streaming
        case collectingErrorBody(status: Int, body: ByteBuffer)
        /// The terminator, a server error or a decode failure was seen; later bytes are ignored.
        case ended
    }

    /// Optional only so it can be moved out while it calls back into `self` (see `withDecoder`).
    private var decoder: Decoder?
    let isStreaming: Bool
    private var phase = Phase.awaitingHead

    private(set) var sentAt: Instant?
    private(set) var responseHeadAt: Instant?
    private(set) var firstTokenAt: Instant?
    private(set) var firstAnswerTokenAt: Instant?
    private var lastTokenAt: Instant?
    /// Body parts handed to the decoder so far. Every event of one part carries that part's
    /// instant, so only a part's first token needs clock arithmetic (`Instant` is a resilient
    /// type: each use is a call through its metadata); the gap before any later token of the
    /// same part is exactly 0.
    private var partNumber = 0
    /// The part that carried the last token; 0 before the first token (parts count from 1).
    private var lastTokenPart = 0
    /// `firstAnswerTokenAt != nil`, kept apart for the same reason.
    private var sawAnswerToken = false
    private(set) var finishedAt: Instant?
    /// The first ``ResponseLimits/storedTokenGaps`` gaps; the rest go to `gapOverflow`.
    private(set) var gapsNanoseconds: [Int64] = []
    private(set) var gapOverflow: TokenGapOverflow?
    private(set) var textChunks = 0
    /// Text-bearing chunks that carried reasoning, and those that carried answer text (a chunk
    /// carrying both counts in each): the token split when the server does not count it.
    private(set) var reasoningChunks = 0
    private(set) var answerChunks = 0
    /// Text up to its cap (``ResponseLimits``); what arrives past it is only counted.
    private(set) var responseText = ""
    private(set) var reasoningText = ""
    private(set) var responseTextTruncatedBytes = 0
    private(set) var reasoningTextTruncatedBytes = 0
    /// Reasoning written inline as `<think>…</think>` in the answer, taken out of it.
    private var inlineThink = InlineThinkSplitter()
    private(set) var httpStatus: Int?
    private(set) var completion: StreamCompletion?
    private(set) var failure: (outcome: RequestOutcome, message: String)?

    /// What a usual streamed answer needs, reserved at its first token.
    private static var usualGaps: Int { 64 }
    private static var usualTextBytes: Int { 512 }

    /// - Parameter isStreaming: for a non-streaming response the single body carries all the
    ///   text at once, so no first-token instant or token gap is recorded.
    public init(decoder: Decoder, isStreaming: Bool) {
        self.decoder = decoder
        self.isStreaming = isStreaming
    }

    public mutating func requestSent(at instant: Instant) {
        if sentAt == nil { sentAt = instant }
    }

    public mutating func receivedHead(status: Int, at instant: Instant) {
        guard case .awaitingHead = phase else { return }
        responseHeadAt = instant
        httpStatus = status
        phase = (200..<300).contains(status) ? .streaming : .collectingErrorBody(status: status, body: ByteBuffer())
    }

    // The transport reaches the observer through a generic exchange, so without these every
    // chunk ran unspecialized code (value witnesses, metadata lookups); each `@_specialize`
    // makes the generic entry check the decoder's type and jump to code compiled for it.
    @_specialize(where Decoder == OpenAIStreamDecoder)
    @_specialize(where Decoder == OllamaStreamDecoder)
    public mutating func receivedBodyPart(_ buffer: ByteBuffer, at instant: Instant) {
        switch phase {
        case .awaitingHead, .ended:
            return
        case .collectingErrorBody(let status, var body):
            phase = .ended  // avoid a copy-on-write of `body` while it is held here
            let room = ResponseLimits.errorBodyBytes - body.readableBytes
            if room > 0 {
                body.writeImmutableBuffer(
                    buffer.getSlice(at: buffer.readerIndex, length: min(room, buffer.readableBytes))!)
            }
            phase = .collectingErrorBody(status: status, body: body)
        case .streaming:
            partNumber += 1
            withDecoder { decoder, this throws(ResponseDecodingError) in
                try decoder.decode(buffer) { event in this.handle(event, at: instant) }
            } onError: { this, error in
                this.end(.streamError, error.description, at: instant)
            }
        }
    }

    /// The body ended cleanly.
    @_specialize(where Decoder == OpenAIStreamDecoder)
    @_specialize(where Decoder == OllamaStreamDecoder)
    public mutating func bodyEnded(at instant: Instant) {
        switch phase {
        case .awaitingHead:
            end(.streamError, "connection closed before a response head", at: instant)
        case .collectingErrorBody(let status, let body):
            end(.httpError, "HTTP \(status): \(ErrorBodyMessage.extract(from: body))", at: instant)
        case .streaming:
            partNumber += 1
            withDecoder { decoder, this throws(ResponseDecodingError) in
                try decoder.finish { event in this.handle(event, at: instant) }
            } onError: { this, error in
                this.end(.streamError, error.description, at: instant)
            }
            if case .streaming = phase {
                end(.streamError, "stream ended without its terminator (no done/finish reason)", at: instant)
            }
        case .ended:
            return
        }
    }

    /// Whether any byte of the answer arrived (its head at least).
    public var hasAnswer: Bool { responseHeadAt != nil }

    /// The exchange failed in the transport. Ignored once the response had already ended
    /// properly: a connection reset after the terminator does not undo a complete answer.
    @_specialize(where Decoder == OpenAIStreamDecoder)
    @_specialize(where Decoder == OllamaStreamDecoder)
    public mutating func failed(_ outcome: RequestOutcome, _ message: String, at instant: Instant) {
        switch phase {
        case .ended:
            return
        case .collectingErrorBody(let status, let body):
            end(.httpError, "HTTP \(status): \(ErrorBodyMessage.extract(from: body))", at: instant)
        case .awaitingHead, .streaming:
            end(outcome, message, at: instant)
        }
    }

    /// Runs `body` with the decoder moved out of `self`, so the decoder's callbacks can mutate
    /// `self` without overlapping access, and without a copy-on-write of its buffered bytes.
    private mutating func withDecoder(
        _ body: (inout Decoder, inout Self) throws(ResponseDecodingError) -> Void,
        onError: (inout Self, ResponseDecodingError) -> Void
    ) {
        // Moved out (`take`), not copied: a copy retained the decoder's buffers on every chunk.
        guard var active = decoder.take() else { return }
        do {
            try body(&active, &self)
        } catch {
            onError(&self, error)
        }
        decoder = active
    }

    private mutating func handle(_ event: StreamEvent, at instant: Instant) {
        guard case .streaming = phase else { return }
        switch event {
        case .text(let text, let reasoningField):
            let inline = inlineThink.split(text)
            // Past the opening, the split passes the text through: no new string per chunk.
            let answer = inline.answer
            let reasoning = inline.reasoning.isEmpty ? reasoningField : reasoningField + inline.reasoning
            textChunks += 1
            if !reasoning.isEmpty { reasoningChunks += 1 }
            if !answer.isEmpty { answerChunks += 1 }
            keep(answer: answer, reasoning: reasoning)
            guard isStreaming else { return }
            if !sawAnswerToken, !answer.isEmpty {
                sawAnswerToken = true
                firstAnswerTokenAt = instant
            }
            if lastTokenPart == 0 {
                firstTokenAt = instant
                lastTokenAt = instant
            } else if lastTokenPart == partNumber {
                record(gap: 0)
            } else if let lastTokenAt {
                record(gap: (instant - lastTokenAt).nanoseconds)
                self.lastTokenAt = instant
            }
            lastTokenPart = partNumber
        case .done(let completion):
            let rest = inlineThink.finish()
            keep(answer: rest.answer, reasoning: rest.reasoning)
            self.completion = completion
            phase = .ended
            finishedAt = instant
        case .serverError(let message):
            end(.streamError, "server error in stream: \(message)", at: instant)
        }
    }

    private mutating func record(gap: Int64) {
        if gapsNanoseconds.count < ResponseLimits.storedTokenGaps {
            // Room for a usual answer at once, not seven doublings on the way to 64.
            if gapsNanoseconds.isEmpty { gapsNanoseconds.reserveCapacity(Self.usualGaps) }
            gapsNanoseconds.append(gap)
        } else {
            if gapOverflow == nil { gapOverflow = TokenGapOverflow() }
            gapOverflow?.add(nanoseconds: gap)  // in place: no copy of its table
        }
    }

    /// Adds text to the answer and the reasoning kept, each up to its cap.
    private mutating func keep(answer: String, reasoning: String) {
        Self.append(
            answer, to: &responseText, limit: ResponseLimits.answerTextBytes,
            truncatedBytes: &responseTextTruncatedBytes)
        Self.append(
            reasoning, to: &reasoningText, limit: ResponseLimits.reasoningTextBytes,
            truncatedBytes: &reasoningTextTruncatedBytes)
    }

    /// Appends `piece` to `text` while `text` is under `limit` bytes, cut on a scalar boundary;
    /// once anything was cut, later pieces are only counted, so `text` stays a prefix of the answer.
    private static func append(_ piece: String, to text: inout String, limit: Int, truncatedBytes: inout Int) {
        guard !piece.isEmpty else { return }
        let bytes = piece.utf8.count
        guard truncatedBytes == 0 else {
            truncatedBytes = truncatedBytes.saturatingAdding(bytes)
            return
        }
        let room = limit - text.utf8.count
        if bytes <= room {
            // Room for a usual answer at once, not a doubling every few tokens.
            if text.isEmpty { text.reserveCapacity(min(limit, usualTextBytes)) }
            text += piece
        } else {
            let kept = ResponseLimits.prefix(of: piece, maximumBytes: room)
            text += kept
            truncatedBytes = bytes - kept.utf8.count
        }
    }

    /// Ends the exchange as failed. The message is cut to ``ResponseLimits/receivedErrorTextBytes``:
    /// a server's error text can be megabytes.
    private mutating func end(_ outcome: RequestOutcome, _ message: String, at instant: Instant) {
        phase = .ended
        failure = (outcome, ResponseLimits.receivedErrorText(message))
        finishedAt = instant
    }
}
