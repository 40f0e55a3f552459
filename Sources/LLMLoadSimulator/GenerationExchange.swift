import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// One generation request, answered on its connection's event loop: check the model, maybe
/// fail on purpose, wait for a slot, write the tokens on schedule from the loop's own timers,
/// end — and record what was done.
///
/// No task and no thread hop: each moment on the wire is one write and one flush, the
/// response head goes out with OpenAI's role chunk and the end of the body with the
/// terminator. (Served through Hummingbird's async response writer, a stream cost the
/// simulator about twice the CPU: one core could not serve 2,000 streams a second.)
final class GenerationExchange {
    private enum Phase {
        case waitingForSlot, generating, done
    }

    private let simulator: SimulatorState
    private unowned let connection: GenerationHandler
    private let eventLoop: any EventLoop
    private let format: any WireFormat
    private let generation: SimulatedGeneration
    private let framing: TokenFraming
    private let isStreaming: Bool
    private var truth: SimulatedRequestTruth
    private var phase = Phase.waitingForSlot
    /// The next token to write.
    private var next = 0
    /// With coalescing, no write before this instant (the last write plus the interval).
    private var notBefore: ContinuousClock.Instant
    /// The loop's clock, which runs the next step (one at a time) when it is due.
    private let clock: Clock

    /// What an exchange waits for on its loop's ``WakeClock``.
    struct Wakeup {
        let exchange: GenerationExchange
        let step: Step
    }

    typealias Clock = WakeClock<Wakeup>

    /// How a request is answered: at once, when it fails before generating (unknown model,
    /// injected HTTP error), or by an exchange, which the connection keeps, then ``open()``s.
    enum Start {
        case answerNow(HTTPResponse.Status, json: String)
        case generate(GenerationExchange)
    }

    /// Decides how `request` is answered on `connection`. It writes nothing itself: an answer
    /// that ends here reads on to the connection's next request, so the connection must have
    /// stored this one's exchange (or have none) before any answer goes out.
    static func start(
        _ request: SimulatedRequest,
        endpoint: GenerationEndpoint,
        receivedAt: ContinuousClock.Instant,
        simulator: SimulatorState,
        on connection: GenerationHandler
    ) -> Start {
        let configuration = simulator.configuration
        let (number, fault) = simulator.nextRequest()
        let format = endpoint.format(request, number)
        guard configuration.modelNames.contains(request.model) else {
            return .answerNow(
                .notFound, json: format.errorBody(endpoint.modelNotFound(request.model), status: .notFound))
        }
        let prompt = request.promptTokens(
            ollamaDefaultContext: configuration.ollamaContextLength, modelLimit: configuration.ollamaModelContextLimit,
            isOllama: endpoint.api.isOllama)
        var truth = SimulatedRequestTruth(
            requestID: request.requestID, path: request.path, receivedAt: receivedAt, startedAt: receivedAt,
            tokenWrittenAt: [], finishedAt: receivedAt, promptTokens: prompt.count, outputTokens: 0, fault: fault,
            status: 200
        )
        truth.isPromptCut = prompt.isCut
        truth.messages = request.messages
        if let fault, let status = fault.httpStatus {
            truth.status = Int(status.code)
            simulator.record(truth)
            let message =
                fault == .busy
                ? "server busy, please try again.  maximum pending requests exceeded" : "simulated failure"
            return .answerNow(status, json: format.errorBody(message, status: status))
        }
        let generation = SimulatedGeneration(
            configuration: configuration,
            outputTokens: request.outputTokens(default: configuration.defaultOutputTokens),
            fault: fault)
        var framing = format.tokenFraming
        framing.firstWord = configuration.variesAnswers ? number : 0
        return .generate(
            GenerationExchange(
                simulator: simulator, connection: connection, format: format, generation: generation,
                framing: framing, isStreaming: request.isStreaming, truth: truth))
    }

    private init(
        simulator: SimulatorState, connection: GenerationHandler, format: any WireFormat,
        generation: SimulatedGeneration, framing: TokenFraming, isStreaming: Bool, truth: SimulatedRequestTruth
    ) {
        self.simulator = simulator
        self.connection = connection
        eventLoop = connection.eventLoop
        self.format = format
        self.generation = generation
        self.framing = framing
        self.isStreaming = isStreaming
        self.truth = truth
        notBefore = truth.receivedAt
        clock = simulator.wakeClock(on: eventLoop)
    }

    /// A stream's head (and OpenAI's role-only chunk) go out at once, before any wait for a
    /// slot, as a real server's do; then generation waits for its slot.
    func open() {
        if isStreaming {
            truth.isStreamed = true
            connection.write(
                .head(
                    HTTPResponse(
                        status: .ok,
                        headerFields: [
                            .contentType: format.streamContentType, .cacheControl: "no-cache",
                            .server: GenerationHandler.serverName,
                        ])))
            if let preamble = format.preamble() {
                truth.writesBeforeTokens = 1
                connection.write(.body(ByteBuffer(string: preamble)))
            }
            connection.flush()
        }
        let loop = eventLoop
        let exchange = NIOLoopBound(self, eventLoop: loop)
        simulator.startGeneration(receivedAt: truth.receivedAt) { startedAt in
            if loop.inEventLoop {
                exchange.value.generate(from: startedAt)
            } else {
                loop.execute { exchange.value.generate(from: startedAt) }
            }
        }
    }

    /// The connection closed before the answer ended: stop, and record what was written.
    func cancel() {
        // A wake in line finds the exchange done and does nothing.
        switch phase {
        case .waitingForSlot:
            // The slot, once granted, is given back at once (``generate(from:)``).
            phase = .done
        case .generating:
            phase = .done
            truth.finishedAt = .now
            truth.outputTokens = truth.tokenWrittenAt.count
            simulator.record(truth)
            simulator.endGeneration()
        case .done:
            break
        }
    }

    private func generate(from startedAt: ContinuousClock.Instant) {
        guard phase == .waitingForSlot else { return simulator.endGeneration() }
        phase = .generating
        truth.startedAt = startedAt
        notBefore = startedAt
        guard isStreaming else { return wake(at: generation.completionDeadline(from: startedAt), for: .wholeAnswer) }
        let count = generation.streamedTokens
        guard count > 0 else { return wake(at: generation.completionDeadline(from: startedAt), for: .streamEnd) }
        truth.tokenWrittenAt.reserveCapacity(count)
        truth.tokensPerWrite.reserveCapacity(count)
        wake(at: generation.tokenDeadline(0, from: startedAt), for: .tokens)
    }

    enum Step {
        case tokens, streamEnd, wholeAnswer
    }

    /// Runs `step` at `deadline`, never earlier, from the loop's clock.
    private func wake(at deadline: ContinuousClock.Instant, for step: Step) {
        guard deadline <= .now else { return clock.schedule(Wakeup(exchange: self, step: step), at: deadline) }
        run(step)
    }

    /// Runs `step` now; each step does nothing once the exchange is done (cancelled).
    func run(_ step: Step) {
        switch step {
        case .tokens: writeDueTokens()
        case .streamEnd: endStream()
        case .wholeAnswer: answerWhole()
        }
    }

    /// Writes the tokens due, each write stamped just before it goes out, until the next one is
    /// not due yet or the stream (or its part before a fault) is written.
    private func writeDueTokens() {
        guard phase == .generating else { return }
        let count = generation.streamedTokens
        let interval = generation.configuration.coalescingInterval
        while true {
            let writtenAt = ContinuousClock.now
            let tokens = generation.tokensDue(from: next, at: writtenAt, start: truth.startedAt)
            for _ in tokens { truth.tokenWrittenAt.append(writtenAt) }
            truth.tokensPerWrite.append(tokens.count)
            connection.writeTokens { framing.chunks(tokens, framed: $0) }
            next = tokens.upperBound
            if interval > .zero { notBefore = writtenAt + interval }
            if next == count { return endStream() }
            let deadline = generation.writeDeadline(next: next, from: truth.startedAt, notBefore: notBefore)
            if deadline > .now { return wake(at: deadline, for: .tokens) }
        }
    }

    /// The end of a stream, or its fault. Recorded before the end is written, so a client that
    /// has read the end finds the record.
    private func endStream() {
        guard phase == .generating else { return }
        phase = .done
        truth.finishedAt = .now
        truth.outputTokens = truth.tokenWrittenAt.count
        truth.thinkingTokens = min(framing.reasoningTokens, truth.outputTokens)
        if simulator.recordsTruth {
            let first = framing.firstWord
            truth.answerText = (first + truth.thinkingTokens..<first + truth.outputTokens).map(TokenText.token).joined()
        }
        simulator.record(truth)
        simulator.endGeneration()
        switch generation.fault {
        case nil:
            connection.write(.body(ByteBuffer(string: format.streamEnd(truth: truth, generation: generation))))
        case .disconnect:
            return connection.drop()
        case let fault?:
            if let text = format.fault(fault) { connection.write(.body(ByteBuffer(string: text))) }
        }
        connection.endResponse()
    }

    /// A non-streamed answer, whole, when its last token would have been written.
    private func answerWhole() {
        guard phase == .generating else { return }
        phase = .done
        let count = generation.outputTokens
        truth.finishedAt = .now
        truth.tokenWrittenAt = Array(repeating: truth.finishedAt, count: count)
        truth.outputTokens = count
        let text = (framing.firstWord..<framing.firstWord + count).map(TokenText.token).joined()
        truth.answerText = text
        simulator.record(truth)
        simulator.endGeneration()
        connection.respond(.ok, json: format.completeBody(text: text, truth: truth, generation: generation))
    }
}

extension FaultKind {
    /// The status of faults that answer before any token.
    var httpStatus: HTTPResponse.Status? {
        switch self {
        case .httpError: .internalServerError
        case .busy: .serviceUnavailable
        default: nil
        }
    }
}
