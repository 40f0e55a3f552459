import AsyncHTTPClient
import Foundation
import LLMLoadCore
import LLMLoadSimulator
import LLMLoadTestSupport
import NIOCore
import Testing

/// How exactly the simulator keeps its own schedule: each token's actual write instant against
/// its nominal deadline. The tool's tests compare with the actual instants, so lateness is
/// printed (for `docs/MeasuringCorrectly.md`), not bounded: a timed bound would be flaky.
@Suite(.timeLimit(.minutes(1)))
struct SimulatorTimingTests {
    @Test func tokensAreWrittenOnScheduleAndCounted() async throws {
        let configuration = simulatorConfiguration(ttftMilliseconds: 50, itlMilliseconds: 5, outputTokens: 20)
        let lateness = try await withSimulator(configuration) { baseURL, truth in
            try await HTTPClient.withHTTPClient { client in
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for index in 0..<20 {
                        group.addTask {
                            var request = HTTPClientRequest(url: baseURL + "/api/generate")
                            request.method = .POST
                            request.headers.add(name: "X-Request-Id", value: "t-\(index)")
                            request.body = .bytes(
                                ByteBuffer(string: #"{"model":"llmload-sim","prompt":"hello there"}"#))
                            let response = try await client.execute(request, timeout: .seconds(10))
                            let body = try await response.body.collect(upTo: 1 << 20)
                            let lines = String(buffer: body).split(separator: "\n")
                            #expect(lines.count == 21)
                            #expect(lines.last?.contains(#""eval_count":20"#) == true)
                        }
                    }
                    try await group.waitForAll()
                }
            }
            var lateness: [Double] = []
            for record in truth.all {
                #expect(record.tokenWrittenAt.count == 20)
                for (index, written) in record.tokenWrittenAt.enumerated() {
                    let due = record.startedAt + .milliseconds(50) + .milliseconds(5) * index
                    lateness.append((written - due).milliseconds)
                }
            }
            return lateness
        }
        let sorted = lateness.sorted()
        let p50 = sorted[sorted.count / 2]
        let p99 = sorted[sorted.count * 99 / 100]
        print("simulator token lateness vs nominal: p50 \(p50) ms, p99 \(p99) ms, max \(sorted.last!) ms")
        #expect(sorted.first! >= 0, "a token was written before its deadline")
    }
}

@Suite struct FaultInjectionTests {
    @Test func aRateIsReproducibleAndNearItsProbability() {
        let a = FaultInjection(.httpError, rate: 0.2, seed: 7)
        let b = FaultInjection(.httpError, rate: 0.2, seed: 7)
        let picked = (1...10_000).filter { isPicked(a, $0) }
        #expect(picked == (1...10_000).filter { isPicked(b, $0) }, "same seed, same requests")
        #expect(abs(Double(picked.count) / 10_000 - 0.2) < 0.02)
        let other = (1...10_000).filter { isPicked(FaultInjection(.httpError, rate: 0.2, seed: 8), $0) }
        #expect(other != picked, "another seed picks other requests")
    }

    @Test func everyNthIsExact() {
        let fault = FaultInjection(.busy, every: 4)
        #expect((1...12).filter { isPicked(fault, $0) } == [4, 8, 12])
    }

    private func isPicked(_ fault: FaultInjection, _ number: Int) -> Bool {
        fault.applies(toRequestNumber: number)
    }
}
