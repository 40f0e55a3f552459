extension FaultServer {
    /// Plays `fault` on a connection whose generation request was read.
    ///
    /// Scripts that keep a connection open (silence, stalls, endless streams) end when the
    /// client hangs up or the server is closed, never on a timer of their own, so nothing the
    /// server does decides when a case ends: llmload's timeout does.
    func perform(_ fault: ServerFault, on connection: FaultConnection, for request: FaultRequest) {
        let wire = FaultWire(
            api: api, isChat: request.path.hasSuffix("/chat") || request.path.hasSuffix("/chat/completions"))
        switch fault {
        case .wellFormed:
            guard connection.write(wire.streamHead), writeTokens(3, wire, on: connection) else { return }
            connection.writeChunk(wire.end)
            connection.writeLastChunk()
            connection.finish()
        case .refuse:
            // Not listening any more, so no request gets here; should one, it is reset.
            connection.prepareReset()
        case .neverAnswer:
            connection.waitForPeer()
        case .slowHeaders:
            for byte in Array(wire.streamHead.utf8) {
                guard !isClosed, connection.write([byte]) else { return }
                connection.pause(milliseconds: 100)
            }
            connection.waitForPeer()
        case .headThenStall:
            connection.write(wire.streamHead)
            connection.waitForPeer()
        case .resetMidStream:
            guard connection.write(wire.streamHead), writeTokens(2, wire, on: connection) else { return }
            // Long enough, even on a busy machine, for the client to read the head and tokens
            // before the reset discards what it has not read: a reset before any answer byte
            // would be a different fault (one llmload resends).
            connection.pause(milliseconds: 200)
            connection.prepareReset()
        case .closeBeforeTerminator:
            guard connection.write(wire.streamHead), writeTokens(2, wire, on: connection) else { return }
            connection.writeLastChunk()
            connection.finish()
        case .cutMidBody:
            guard connection.write(wire.streamHead), writeTokens(2, wire, on: connection) else { return }
            connection.finish()
        case .invalidUTF8Split:
            guard connection.write(wire.streamHead), writeTokens(1, wire, on: connection),
                connection.writeChunk(wire.invalidUTF8Token.first)
            else { return }
            connection.pause(milliseconds: 50)
            guard connection.writeChunk(wire.invalidUTF8Token.second) else { return }
            connection.writeChunk(wire.end)
            connection.writeLastChunk()
            connection.finish()
        case .hugeLine:
            writeHugeLine(wire, on: connection)
        case .streamForever:
            guard connection.write(wire.streamHead) else { return }
            // As fast as the client reads: a full socket buffer blocks the write.
            let burst = String(repeating: wire.token("forever "), count: 64)
            while !isClosed && connection.writeChunk(burst) {}
        case .errorUnder200:
            guard connection.write(wire.streamHead), writeTokens(1, wire, on: connection) else { return }
            connection.writeChunk(wire.streamError("fault: model crashed"))
            connection.writeLastChunk()
            connection.finish()
        case .tooManyRequests:
            connection.writeAnswer(
                status: "429 Too Many Requests", headers: ["Retry-After: 1"],
                body: wire.errorBody("fault: rate limited"))
            connection.finish()
        case .serviceUnavailable:
            connection.writeAnswer(
                status: "503 Service Unavailable", headers: ["Retry-After: 2"],
                body: wire.errorBody("fault: overloaded"))
            connection.finish()
        case .closeDelimitedHTTP10:
            let body = (0..<3).map { _ in wire.token("tok ") }.joined() + wire.end
            connection.write("HTTP/1.0 200 OK\r\nContent-Type: \(wire.contentType)\r\n\r\n" + body)
            connection.finish()
        case .absurdNumbers:
            guard connection.write(wire.streamHead), writeTokens(3, wire, on: connection) else { return }
            connection.writeChunk(wire.absurdEnd)
            connection.writeLastChunk()
            connection.finish()
        }
    }

    /// The size of the one line of ``ServerFault/hugeLine``.
    public static let hugeLineBytes = 64 * 1024 * 1024

    /// One line of 64 MiB, written from a single reused 1 MiB buffer (the server shares the
    /// test's process, so it must not hold the line itself), then a proper end.
    private func writeHugeLine(_ wire: FaultWire, on connection: FaultConnection) {
        let piece = [UInt8](repeating: UInt8(ascii: "a"), count: 1024 * 1024)
        guard connection.write(wire.streamHead), connection.writeChunk(wire.hugeLine.prefix) else { return }
        for _ in 0..<(Self.hugeLineBytes / piece.count) {
            guard !isClosed, connection.writeChunk(piece) else { return }
        }
        guard connection.writeChunk(wire.hugeLine.suffix) else { return }
        connection.writeChunk(wire.end)
        connection.writeLastChunk()
        connection.finish()
    }

    private func writeTokens(_ count: Int, _ wire: FaultWire, on connection: FaultConnection) -> Bool {
        (0..<count).allSatisfy { _ in connection.writeChunk(wire.token("tok ")) }
    }
}

/// The bytes of one API family's answers.
struct FaultWire {
    let api: FaultServer.API
    /// `/api/chat` or `/v1/chat/completions` (a `message`/`delta`), else a plain completion.
    let isChat: Bool

    var contentType: String { api == .ollama ? "application/x-ndjson" : "text/event-stream" }

    /// A `200` head announcing a chunked body on a connection that closes after it.
    var streamHead: String {
        "HTTP/1.1 200 OK\r\nContent-Type: \(contentType)\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
    }

    /// One token's line or event; `text` must need no JSON escaping.
    func token(_ text: String) -> String {
        let (prefix, suffix) = tokenFrame
        return prefix + text + suffix
    }

    /// What comes before and after a token's text.
    private var tokenFrame: (String, String) {
        switch (api, isChat) {
        case (.ollama, true):
            (#"{"model":"fault-model","message":{"role":"assistant","content":""#, #""},"done":false}"# + "\n")
        case (.ollama, false): (#"{"model":"fault-model","response":""#, #"","done":false}"# + "\n")
        case (.openAI, true):
            (
                #"data: {"id":"fault","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":""#,
                #""},"finish_reason":null}]}"# + "\n\n"
            )
        case (.openAI, false):
            (
                #"data: {"id":"fault","object":"text_completion","choices":[{"index":0,"text":""#,
                #"","finish_reason":null}]}"# + "\n\n"
            )
        }
    }

    /// The proper end: Ollama's `done` line, or OpenAI's finish reason, usage and `[DONE]`.
    var end: String {
        makeEnd(counts: #""prompt_eval_count":4,"eval_count":3"#, usage: #""prompt_tokens":4,"completion_tokens":3"#)
    }

    /// An end whose numbers no server should send.
    var absurdEnd: String {
        switch api {
        case .ollama:
            Self.ollamaDone(
                #""prompt_eval_count":-7,"eval_count":9223372036854775807,"total_duration":1e300,"#
                    + #""load_duration":-1,"prompt_eval_duration":99999999999999999999999999,"eval_duration":0"#)
        case .openAI:
            #"data: {"id":"fault","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}"# + "\n\n"
                + #"data: {"id":"fault","choices":[],"usage":{"prompt_tokens":-7,"#
                + #""completion_tokens":9223372036854775807,"total_tokens":1e300},"timings":{"prompt_ms":1e308,"#
                + #""predicted_ms":-1,"prompt_per_second":-5,"predicted_per_second":1e308,"#
                + #""predicted_n":99999999999999999999999999}}"# + "\n\n" + "data: [DONE]\n\n"
        }
    }

    private func makeEnd(counts: String, usage: String) -> String {
        switch api {
        case .ollama:
            Self.ollamaDone(
                counts + #","total_duration":3000000,"load_duration":1000,"prompt_eval_duration":1000000,"#
                    + #""eval_duration":2000000"#)
        case .openAI:
            #"data: {"id":"fault","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}"# + "\n\n"
                + #"data: {"id":"fault","choices":[],"usage":{\#(usage)}}"# + "\n\n" + "data: [DONE]\n\n"
        }
    }

    private static func ollamaDone(_ numbers: String) -> String {
        #"{"model":"fault-model","response":"","done":true,"done_reason":"stop",\#(numbers)}"# + "\n"
    }

    /// The API's error object inside a `200` stream.
    func streamError(_ message: String) -> String {
        switch api {
        case .ollama: #"{"error":"\#(message)"}"# + "\n"
        case .openAI:
            #"data: {"error":{"message":"\#(message)","type":"server_error","code":500}}"# + "\n\n" + "data: [DONE]\n\n"
        }
    }

    /// The API's error body for a non-2xx status.
    func errorBody(_ message: String) -> String {
        switch api {
        case .ollama: #"{"error":"\#(message)"}"#
        case .openAI: #"{"error":{"message":"\#(message)","type":"server_error"}}"#
        }
    }

    /// A token line cut in two: the first part ends inside a three-byte UTF-8 sequence, the
    /// second goes on with a byte that cannot continue it, then `0xFF`, which UTF-8 never has.
    var invalidUTF8Token: (first: [UInt8], second: [UInt8]) {
        let (prefix, suffix) = tokenFrame
        return (Array((prefix + "ab").utf8) + [0xE2, 0x82], [0x41, 0xFF] + Array(("cd" + suffix).utf8))
    }

    /// What comes before and after the 64 MiB of `a` of ``ServerFault/hugeLine``.
    var hugeLine: (prefix: [UInt8], suffix: [UInt8]) {
        let (prefix, suffix) = tokenFrame
        return (Array(prefix.utf8), Array(suffix.utf8))
    }
}
