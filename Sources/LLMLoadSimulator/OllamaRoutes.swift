import Foundation
import Hummingbird
import Synchronization

/// Ollama's native API as the simulator serves it: `/api/generate`, `/api/chat` (NDJSON
/// streaming, or one object with `"stream": false`), `/api/tags` and `/api/version`.
struct OllamaRoutes: Sendable {
    let simulator: SimulatorState

    func register(on router: Router<BasicRequestContext>) {
        router.post("/api/generate") { request, _ in try await generate(request, isChat: false) }
        router.post("/api/chat") { request, _ in try await generate(request, isChat: true) }
        router.get("/api/version") { _, _ in
            Self.json(.ok, #"{"version":"0.0.0-llmload-sim"}"#)
        }
        router.get("/api/tags") { _, _ in
            let name = JSONText.quoted(simulator.configuration.modelName)
            return Self.json(
                .ok,
                #"{"models":[{"name":\#(name),"model":\#(name),"size":0,"digest":"llmload-sim","#
                    + #""details":{"format":"simulated","family":"llmload"}}]}"#
            )
        }
    }

    private func generate(_ request: Request, isChat: Bool) async throws -> Response {
        let receivedAt = ContinuousClock.now
        let requestID = request.headers[.init("X-Request-Id")!]
        let body = try await request.body.collect(upTo: 64 << 20)
        guard let json = try? JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any] else {
            return Self.json(.badRequest, #"{"error":"invalid JSON request body"}"#)
        }
        let model = json["model"] as? String ?? ""
        guard model == simulator.configuration.modelName else {
            let message = "model \"\(model)\" not found, try pulling it first"
            return Self.json(.notFound, #"{"error":\#(JSONText.quoted(message))}"#)
        }
        let options = json["options"] as? [String: Any] ?? [:]
        let requested = (options["num_predict"] as? NSNumber)?.intValue
        let outputTokens = requested.flatMap { $0 >= 0 ? $0 : nil } ?? simulator.configuration.defaultOutputTokens
        let prompt: String =
            isChat
            ? (json["messages"] as? [[String: Any]] ?? []).compactMap { $0["content"] as? String }.joined(
                separator: "\n")
            : json["prompt"] as? String ?? ""
        let fault = simulator.nextFault()
        var truth = SimulatedRequestTruth(
            requestID: requestID, path: request.uri.path, receivedAt: receivedAt, startedAt: receivedAt,
            tokenWrittenAt: [], finishedAt: receivedAt, promptTokens: TokenText.promptTokens(for: prompt),
            outputTokens: 0, fault: fault, status: 200
        )
        if let status = fault?.httpStatus {
            truth.status = Int(status.code)
            simulator.record(truth)
            let message =
                fault == .busy
                ? "server busy, please try again.  maximum pending requests exceeded" : "simulated failure"
            return Self.json(status, #"{"error":\#(JSONText.quoted(message))}"#)
        }
        let generation = SimulatedGeneration(
            configuration: simulator.configuration, outputTokens: outputTokens, fault: fault
        )
        let lines = OllamaLines(model: model, isChat: isChat, doneReason: requested == nil ? "stop" : "length")
        let isStreaming = json["stream"] as? Bool ?? true
        if !isStreaming {
            return try await simulator.withSlot(receivedAt: receivedAt) { startedAt in
                truth.startedAt = startedAt
                try await generation.clock.sleep(
                    until: generation.completionDeadline(from: truth.startedAt), tolerance: nil)
                let text = (0..<outputTokens).map(TokenText.token).joined()
                truth.finishedAt = .now
                truth.tokenWrittenAt = Array(repeating: truth.finishedAt, count: outputTokens)
                truth.outputTokens = outputTokens
                let response = lines.final(text: text, truth: truth, generation: generation)
                simulator.record(truth)
                return Self.json(.ok, response, contentType: "application/json; charset=utf-8")
            }
        }
        return Response(
            status: .ok,
            headers: [.contentType: "application/x-ndjson"],
            body: ResponseBody { [truth] writer in
                var truth = truth
                try await simulator.withSlot(receivedAt: truth.receivedAt) { startedAt in
                    truth.startedAt = startedAt
                    defer { simulator.record(truth) }
                    let completed = try await generation.run(startedAt: truth.startedAt, truth: &truth) { _, token in
                        try await writer.write(ByteBuffer(string: lines.token(token)))
                    }
                    truth.outputTokens = truth.tokenWrittenAt.count
                    if completed {
                        try await writer.write(
                            ByteBuffer(string: lines.final(text: "", truth: truth, generation: generation)))
                    } else {
                        try await Self.writeFault(fault, to: &writer)
                    }
                }
                try await writer.finish(nil)
            }
        )
    }

    private static func writeFault(_ fault: FaultKind?, to writer: inout any ResponseBodyWriter) async throws {
        switch fault {
        case .midStreamError:
            try await writer.write(ByteBuffer(string: #"{"error":"simulated mid-stream failure"}"# + "\n"))
        case .malformed:
            try await writer.write(ByteBuffer(string: "this line is not JSON\n"))
        case .disconnect:
            throw SimulatedDisconnect()
        case .truncate, .httpError, .busy, nil:
            break
        }
    }

    static func json(
        _ status: HTTPResponse.Status, _ text: String, contentType: String = "application/json; charset=utf-8"
    ) -> Response {
        Response(
            status: status, headers: [.contentType: contentType], body: .init(byteBuffer: ByteBuffer(string: text)))
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

/// The NDJSON lines of one Ollama response; the constant prefix is built once per request.
private struct OllamaLines: Sendable {
    let prefix: String
    let isChat: Bool
    let doneReason: String

    init(model: String, isChat: Bool, doneReason: String) {
        let createdAt = Date().formatted(.iso8601)
        prefix = #"{"model":\#(JSONText.quoted(model)),"created_at":"\#(createdAt)","#
        self.isChat = isChat
        self.doneReason = doneReason
    }

    func token(_ text: String) -> String {
        prefix + textField(text) + #","done":false}"# + "\n"
    }

    func final(text: String, truth: SimulatedRequestTruth, generation: SimulatedGeneration) -> String {
        let total = (truth.finishedAt - truth.receivedAt).nanosecondCount
        let evalStart = truth.startedAt + generation.promptEvalDuration
        let eval = truth.tokenWrittenAt.last.map { ($0 - evalStart).nanosecondCount } ?? 0
        return prefix + textField(text) + #","done":true,"done_reason":"\#(doneReason)","#
            + (isChat ? "" : #""context":[1,2,3],"#)
            + #""total_duration":\#(total),"load_duration":0,"#
            + #""prompt_eval_count":\#(truth.promptTokens),"#
            + #""prompt_eval_duration":\#(generation.promptEvalDuration.nanosecondCount),"#
            + #""eval_count":\#(truth.outputTokens),"eval_duration":\#(max(0, eval))}"# + "\n"
    }

    private func textField(_ text: String) -> String {
        isChat
            ? #""message":{"role":"assistant","content":\#(JSONText.quoted(text))}"#
            : #""response":\#(JSONText.quoted(text))"#
    }
}

extension Duration {
    var nanosecondCount: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
