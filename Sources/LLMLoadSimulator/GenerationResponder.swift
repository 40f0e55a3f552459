import Hummingbird
import NIOCore

/// The generation flow every simulated API shares: parse, check the model, maybe fail on
/// purpose, wait for a slot, write tokens on schedule, end — and record what was done.
struct GenerationResponder: Sendable {
    let simulator: SimulatorState

    func respond(
        to request: Request,
        eventLoop: any EventLoop,
        api: SimulatedAPI,
        format makeFormat: @Sendable (SimulatedRequest, _ number: Int) -> any WireFormat,
        modelNotFound: @Sendable (String) -> String
    ) async throws -> Response {
        // Hummingbird calls handlers on the global executor: reading the body and answering
        // would each hop between its threads and the loop. On the loop, they do not.
        let loop = EventLoopExecutor(eventLoop)
        return try await withTaskExecutorPreference(loop) {
            try await answer(request, loop: loop, api: api, format: makeFormat, modelNotFound: modelNotFound)
        }
    }

    private func answer(
        _ request: Request,
        loop: EventLoopExecutor,
        api: SimulatedAPI,
        format makeFormat: @Sendable (SimulatedRequest, _ number: Int) -> any WireFormat,
        modelNotFound: @Sendable (String) -> String
    ) async throws -> Response {
        let receivedAt = ContinuousClock.now
        let body = try await request.body.collect(upTo: 64 << 20)
        guard let parsed = SimulatedRequest(request, body: body, api: api) else {
            return Self.json(.badRequest, #"{"error":"invalid JSON request body"}"#)
        }
        let (number, fault) = simulator.nextRequest()
        let format = makeFormat(parsed, number)
        guard simulator.configuration.modelNames.contains(parsed.model) else {
            return Self.json(.notFound, format.errorBody(modelNotFound(parsed.model), status: .notFound))
        }
        let outputTokens = parsed.outputTokens(default: simulator.configuration.defaultOutputTokens)
        let prompt = parsed.promptTokens(
            ollamaDefaultContext: simulator.configuration.ollamaContextLength,
            modelLimit: simulator.configuration.ollamaModelContextLimit, isOllama: api.isOllama)
        var truth = SimulatedRequestTruth(
            requestID: parsed.requestID, path: parsed.path, receivedAt: receivedAt, startedAt: receivedAt,
            tokenWrittenAt: [], finishedAt: receivedAt, promptTokens: prompt.count, outputTokens: 0, fault: fault,
            status: 200
        )
        truth.isPromptCut = prompt.isCut
        truth.messages = parsed.messages
        let firstWord = simulator.configuration.variesAnswers ? number : 0
        if let fault, let status = fault.httpStatus {
            truth.status = Int(status.code)
            simulator.record(truth)
            let message =
                fault == .busy
                ? "server busy, please try again.  maximum pending requests exceeded" : "simulated failure"
            return Self.json(status, format.errorBody(message, status: status))
        }
        let generation = SimulatedGeneration(
            configuration: simulator.configuration, outputTokens: outputTokens, fault: fault
        )
        guard parsed.isStreaming else {
            return try await simulator.withSlot(receivedAt: receivedAt) { startedAt in
                truth.startedAt = startedAt
                try await generation.clock.sleep(until: generation.completionDeadline(from: startedAt), tolerance: nil)
                truth.finishedAt = .now
                truth.tokenWrittenAt = Array(repeating: truth.finishedAt, count: outputTokens)
                truth.outputTokens = outputTokens
                let text = (firstWord..<firstWord + outputTokens).map(TokenText.token).joined()
                truth.answerText = text
                simulator.record(truth)
                return Self.json(.ok, format.completeBody(text: text, truth: truth, generation: generation))
            }
        }
        return Response(
            status: .ok,
            headers: [.contentType: format.streamContentType, .cacheControl: "no-cache"],
            body: ResponseBody { [truth] writer in
                // The stream's timers, task and writes all on the connection's loop: no thread hops.
                try await withTaskExecutorPreference(loop) {
                    try await stream(
                        truth, fault: fault, format: format, firstWord: firstWord, generation: generation, loop: loop,
                        to: &writer)
                }
            }
        )
    }

    /// Writes a streamed answer: preamble, tokens on schedule, then the end or the fault.
    private func stream(
        _ truth: SimulatedRequestTruth,
        fault: FaultKind?,
        format: any WireFormat,
        firstWord: Int,
        generation: SimulatedGeneration,
        loop: EventLoopExecutor,
        to writer: inout any ResponseBodyWriter
    ) async throws {
        var truth = truth
        truth.isStreamed = true
        if let preamble = format.preamble() {
            truth.writesBeforeTokens = 1
            try await writer.write(ByteBuffer(string: preamble))
        }
        try await simulator.withSlot(receivedAt: truth.receivedAt) { startedAt in
            truth.startedAt = startedAt
            defer { simulator.record(truth) }
            var framing = format.tokenFraming
            framing.firstWord = firstWord
            let completed = try await generation.run(
                startedAt: startedAt, truth: &truth, sleep: loop.sleep(until:)
            ) { tokens in
                try await writer.write(framing.chunks(tokens))
            }
            truth.outputTokens = truth.tokenWrittenAt.count
            truth.thinkingTokens = min(framing.reasoningTokens, truth.outputTokens)
            truth.answerText = (firstWord + truth.thinkingTokens..<firstWord + truth.outputTokens)
                .map(TokenText.token).joined()
            if completed {
                try await writer.write(
                    ByteBuffer(string: format.streamEnd(truth: truth, generation: generation)))
            } else if fault == .disconnect {
                throw SimulatedDisconnect()
            } else if let fault, let text = format.fault(fault) {
                try await writer.write(ByteBuffer(string: text))
            }
        }
        try await writer.finish(nil)
    }

    static func json(_ status: HTTPResponse.Status, _ text: String) -> Response {
        Response(
            status: status,
            headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: text))
        )
    }
}

/// Thrown from a response body to make the server drop the connection mid-response.
struct SimulatedDisconnect: Error {}

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

extension Duration {
    var nanosecondCount: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
