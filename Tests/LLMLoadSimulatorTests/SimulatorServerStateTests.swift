import AsyncHTTPClient
import Foundation
import LLMLoadSimulator
import LLMLoadTestSupport
import NIOCore
import Testing

/// The simulator's pre-flight endpoints tell the truth about it: the slots are its
/// `maximumConcurrency`, a slot is busy while a request generates, `/api/show` knows only its
/// models.
@Suite(.timeLimit(.minutes(1)))
struct SimulatorServerStateTests {
    private func get(_ url: String, _ client: HTTPClient) async throws -> (status: UInt, body: String) {
        let response = try await client.execute(HTTPClientRequest(url: url), timeout: .seconds(5))
        return (response.status.code, String(buffer: try await response.body.collect(upTo: 1 << 20)))
    }

    @Test func slotsAreBusyWhileARequestGenerates() async throws {
        var configuration = simulatorConfiguration(
            ttftMilliseconds: 400, itlMilliseconds: 1, outputTokens: 2, maximumConcurrency: 2)
        configuration.slotContextLength = 8192
        try await withSimulator(configuration) { baseURL, _ in
            try await HTTPClient.withHTTPClient { client in
                let props = try await get(baseURL + "/props", client)
                #expect(props.body.contains(#""total_slots":2"#) && props.body.contains(#""n_ctx":8192"#))
                async let generated: Void = {
                    var request = HTTPClientRequest(url: baseURL + "/v1/completions")
                    request.method = .POST
                    request.body = .bytes(ByteBuffer(string: #"{"model":"llmload-sim","prompt":"hi"}"#))
                    _ = try await client.execute(request, timeout: .seconds(10)).body.collect(upTo: 1 << 20)
                }()
                // The request holds its slot for its 400 ms before the first token. Polled for up
                // to 5 s, not a number of times: on a busy machine the request itself may take
                // longer than a few polls to reach the server.
                var busy = false
                let deadline = ContinuousClock.now + .seconds(5)
                while !busy, ContinuousClock.now < deadline {
                    busy = try await get(baseURL + "/slots", client).body.contains(#""is_processing":true"#)
                    if !busy { try await Task.sleep(for: .milliseconds(5)) }
                }
                #expect(busy, "no slot busy while a request generates")
                try await generated
                let after = try await get(baseURL + "/slots", client).body
                #expect(!after.contains(#""is_processing":true"#) && after.contains(#""id":1"#), "\(after)")
            }
        }
    }

    @Test func showKnowsOnlyTheSimulatorsModelsAndPsListsItLoaded() async throws {
        try await withSimulator(SimulatorConfiguration()) { baseURL, _ in
            try await HTTPClient.withHTTPClient { client in
                for (model, status) in [("llmload-sim", UInt(200)), ("other", 404)] {
                    var request = HTTPClientRequest(url: baseURL + "/api/show")
                    request.method = .POST
                    request.body = .bytes(ByteBuffer(string: #"{"model":"\#(model)"}"#))
                    #expect(try await client.execute(request, timeout: .seconds(5)).status.code == status)
                }
                let ps = try await get(baseURL + "/api/ps", client).body
                #expect(ps.contains(#""name":"llmload-sim""#) && ps.contains(#""size_vram":4700000000"#), "\(ps)")
            }
        }
    }
}
