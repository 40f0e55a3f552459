import LLMLoadBackends
import LLMLoadCore
import LLMLoadSimulator
import LLMLoadTestSupport
import Testing

/// The transport's instants against the simulator's record of what it did and when.
@Suite(.timeLimit(.minutes(1)))
struct ClientAgainstTruthTests {
    @Test func instantsMatchWhatTheSimulatorDid() async throws {
        let configuration = simulatorConfiguration(ttftMilliseconds: 100, itlMilliseconds: 10, outputTokens: 10)
        try await withSimulator(configuration) { baseURL, truth in
            try await HTTPInferenceClient.withClient(configuration: .init(maximumConnections: 16)) { client in
                var records: [RequestRecord] = []
                for index in 0..<10 {
                    let plan = RequestPlan(
                        index: index, scheduledAt: .now,
                        request: InferenceRequest(model: "llmload-sim", prompt: "hi")
                    )
                    records.append(
                        await client.execute(
                            plan, api: OllamaAPI(endpoint: .generate), baseURL: baseURL, timeout: .seconds(5),
                            headers: [("X-Request-Id", "x-\(index)")]
                        )
                    )
                }
                let truths = truth.byRequestIndex
                for record in records {
                    let t = try #require(truths[record.index])
                    let sent = try #require(record.sentAt)
                    let first = try #require(record.firstTokenAt)
                    print(
                        "sent→received \((t.receivedAt - sent)) written→arrived \(first - t.tokenWrittenAt[0]) "
                            + "done: \(record.finishedAt - t.finishedAt)"
                    )
                }
            }
        }
    }
}
