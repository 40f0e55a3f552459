import AsyncHTTPClient
import Foundation
import LLMLoadTestSupport
import NIOCore
import Testing

@testable import LLMLoadSimulator

/// The bytes of every token, written one a write or coalesced (`--coalesce-ms`), and the ground
/// truth of coalesced writes: every token keeps its schedule (never early), writes are at least
/// the interval apart, and the record says which tokens shared a write.
@Suite(.timeLimit(.minutes(1)))
struct SimulatorCoalescingTests {
    static let tokens = 30

    @Test(arguments: [0, 20])
    func everyAPIStreamsEveryTokenAsValidJSON(coalesceMilliseconds: Int) async throws {
        var configuration = simulatorConfiguration(ttftMilliseconds: 10, itlMilliseconds: 2, outputTokens: Self.tokens)
        configuration.coalescingInterval = .milliseconds(coalesceMilliseconds)
        let expected = (0..<Self.tokens).map(TokenText.token).joined()
        try await withSimulator(configuration) { baseURL, _ in
            try await HTTPClient.withHTTPClient { client in
                for path in ["/api/generate", "/api/chat", "/v1/chat/completions", "/v1/completions"] {
                    let body = try await Self.post(client, baseURL + path)
                    let texts = try Self.texts(of: body, isSSE: path.hasPrefix("/v1"))
                    #expect(texts.joined() == expected, "\(path)")
                    #expect(texts.filter { !$0.isEmpty }.count == Self.tokens, "\(path)")
                }
            }
        }
    }

    @Test func coalescedTokensKeepTheirScheduleAndShareTheirWrite() async throws {
        var configuration = simulatorConfiguration(ttftMilliseconds: 10, itlMilliseconds: 2, outputTokens: Self.tokens)
        configuration.coalescingInterval = .milliseconds(20)
        let records = try await withSimulator(configuration) { baseURL, truth in
            try await HTTPClient.withHTTPClient { client in
                _ = try await Self.post(client, baseURL + "/api/generate", requestID: "c-1")
            }
            return truth.all
        }
        let record = try #require(records.first)
        #expect(record.tokenWrittenAt.count == Self.tokens)
        #expect(record.tokensPerWrite.reduce(0, +) == Self.tokens)
        #expect(record.tokensPerWrite.count < Self.tokens, "tokens due within 20 ms share a write")
        var token = 0
        var previousWrite: ContinuousClock.Instant?
        for count in record.tokensPerWrite {
            let writtenAt = record.tokenWrittenAt[token]
            for index in token..<(token + count) {
                #expect(record.tokenWrittenAt[index] == writtenAt, "one instant per write")
                let due = record.startedAt + .milliseconds(10) + .milliseconds(2) * index
                #expect(writtenAt >= due, "token \(index) written before its deadline")
            }
            if let previousWrite { #expect(writtenAt - previousWrite >= .milliseconds(19)) }
            previousWrite = writtenAt
            token += count
        }
    }

    private static func post(_ client: HTTPClient, _ url: String, requestID: String? = nil) async throws -> String {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        if let requestID { request.headers.add(name: "X-Request-Id", value: requestID) }
        let prompt =
            url.hasSuffix("chat") || url.hasSuffix("chat/completions")
            ? #""messages":[{"role":"user","content":"hi"}]"# : #""prompt":"hi""#
        request.body = .bytes(ByteBuffer(string: #"{"model":"llmload-sim",\#(prompt),"stream":true}"#))
        let response = try await client.execute(request, timeout: .seconds(10))
        return String(buffer: try await response.body.collect(upTo: 1 << 20))
    }

    /// The text of every chunk: NDJSON lines or SSE `data:` events up to `[DONE]`.
    private static func texts(of body: String, isSSE: Bool) throws -> [String] {
        let lines = body.split(separator: "\n").map(String.init)
        let payloads =
            isSSE
            ? lines.compactMap { $0.hasPrefix("data: ") ? String($0.dropFirst(6)) : nil }.filter { $0 != "[DONE]" }
            : lines
        return try payloads.map { payload in
            let object = try #require(
                try JSONSerialization.jsonObject(with: Data(payload.utf8)) as? [String: Any], "\(payload)")
            if let response = object["response"] as? String { return response }
            if let message = object["message"] as? [String: Any] { return message["content"] as? String ?? "" }
            let choice = (object["choices"] as? [[String: Any]])?.first
            if let text = choice?["text"] as? String { return text }
            return (choice?["delta"] as? [String: Any])?["content"] as? String ?? ""
        }
    }
}
