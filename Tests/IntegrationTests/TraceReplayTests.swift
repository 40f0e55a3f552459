import Foundation
import LLMLoadCore
import LLMLoadReport
import LLMLoadSimulator
import LLMLoadTestSupport
import LLMLoadWorkload
import Testing

extension Timing {
    /// `--trace` against the simulator: each request reaches it at the trace's instant, with the
    /// trace's prompt length as the simulator counts it and exactly the trace's answer length,
    /// and prompts that share hash ids share their text.
    @Suite struct TraceReplayTests {
        static let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../examples/mooncake-sample.jsonl").standardized.path

        static let burstGPT = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../examples/burstgpt-sample.csv").standardized.path

        /// Ollama: fitted with one-token requests, answers capped by `num_predict`, a context
        /// window with room for the longest entry, and under `--max-in-flight` no more at once.
        @Test func aBurstGPTTraceAgainstOllamaUnderACap() async throws {
            let harness = RunHarness()
            defer { harness.cleanUp() }
            let trace = try TraceFile.load(
                path: Self.burstGPT, speed: 10, window: Trace.Window(start: .seconds(60), end: .seconds(90)))
            let entries = trace.entries
            var simulator = simulatorConfiguration(ttftMilliseconds: 5, itlMilliseconds: 1, outputTokens: 4)
            simulator.coalescingInterval = .milliseconds(20)
            // Ollama's default window would cut the longer prompts: only the num_ctx sent lets them through.
            simulator.ollamaContextLength = 512
            let (result, truths) = try await withSimulator(simulator) { baseURL, log in
                var configuration = harness.configuration(
                    baseURL: baseURL, api: .ollamaGenerate, rate: 1, duration: trace.span + .milliseconds(1))
                configuration.load.profile = .trace(trace)
                configuration.load.maximumInFlight = 4
                configuration.requests.prompts = .trace(.init())
                return (try await harness.run(configuration), log.byRequestIndex)
            }
            #expect(entries.count > 20 && truths.count == entries.count)
            let rows = try harness.rows(of: result)
            #expect(rows.count == entries.count && rows.allSatisfy { $0["outcome"] == "ok" })
            for (index, entry) in entries.enumerated() {
                let truth = try #require(truths[index])
                #expect(truth.outputTokens == entry.outputTokens && !truth.isPromptCut, "line \(entry.line)")
                #expect(
                    abs(truth.promptTokens - entry.inputTokens) <= InputLength.tolerance(forTarget: entry.inputTokens),
                    "line \(entry.line): \(truth.promptTokens) prompt tokens for \(entry.inputTokens)")
            }
            let longest = entries.map(\.inputTokens).max()! + entries.map(\.outputTokens).max()! + 64
            #expect(result.summary.runDescription.requests.numCtx == (longest + 255) / 256 * 256)
            #expect(result.summary.runDescription.inputCalibration?.method == "generation")
            // The server's own record: never more than the cap at once.
            var events: [(at: ContinuousClock.Instant, change: Int)] = []
            for truth in truths.values { events += [(truth.receivedAt, 1), (truth.finishedAt, -1)] }
            events.sort { $0.at < $1.at || ($0.at == $1.at && $0.change < $1.change) }
            var (inFlight, peak) = (0, 0)
            for event in events {
                inFlight += event.change
                peak = max(peak, inFlight)
            }
            let queued = rows.filter { ($0.number("client_queue_ms") ?? 0) > 0 }.count
            print(
                "trace under --max-in-flight 4: the simulator held at most \(peak) at once; \(queued) requests waited")
            // Six entries within 0.2 s (trace seconds 66 and 67) and answers of up to half a
            // second: the cap is reached, and requests wait for it (12 measured).
            #expect(peak == 4 && queued > 0, "the simulator held \(peak) at once; \(queued) waited")
            #expect(result.summary.runDescription.load.maxInFlight == 4)
        }

        @Test func theSampleTraceIsSentAtItsInstantsWithItsLengths() async throws {
            let harness = RunHarness()
            defer { harness.cleanUp() }
            // The first 10 s of the sample, four times as fast: about 50 requests in 2.5 s.
            let trace = try TraceFile.load(
                path: Self.sample, speed: 4, window: Trace.Window(start: .zero, end: .seconds(10)))
            let entries = trace.entries
            var simulator = simulatorConfiguration(ttftMilliseconds: 5, itlMilliseconds: 1, outputTokens: 4)
            simulator.tokenizeEndpoint = .llamaCpp
            // Answers of up to 400 tokens a millisecond apart, written one by one, would keep the
            // in-process simulator's loops busy enough to hold up the requests arriving (tens of
            // ms measured on two shared cores): tokens go out every 20 ms instead.
            simulator.coalescingInterval = .milliseconds(20)
            let (result, truths) = try await withSimulator(simulator) { baseURL, log in
                var configuration = harness.configuration(
                    baseURL: baseURL, api: .openAIChat, rate: 1, duration: trace.span + .milliseconds(1))
                configuration.load.profile = .trace(trace)
                configuration.requests.prompts = .trace(.init())
                return (try await harness.run(configuration), log.byRequestIndex)
            }
            #expect(entries.count > 30 && truths.count == entries.count)
            let rows = try harness.rows(of: result).sorted { Int($0["index"]!)! < Int($1["index"]!)! }
            #expect(rows.count == entries.count && rows.allSatisfy { $0["outcome"] == "ok" })
            #expect(result.summary.run.stopReason == "schedule_exhausted")

            // The schedule is the trace's, to the microsecond requests.csv writes.
            for (row, entry) in zip(rows, entries) {
                let scheduled = try #require(row.number("scheduled_ms"))
                #expect(abs(scheduled - entry.offset.milliseconds) <= 0.001, "line \(entry.line): \(scheduled) ms")
            }
            // The simulator's record: each request arrived at its instant. The run's start in the
            // simulator's clock is taken as the earliest arrival less its offset (so the least late
            // request reads 0): the lags are then each request's delay beyond the least delayed.
            var arrivals: [Double] = []
            for index in entries.indices {
                let truth = try #require(truths[index])
                arrivals.append((truth.receivedAt - truths[0]!.receivedAt).milliseconds)
            }
            let start = zip(arrivals, entries).map { $0 - $1.offset.milliseconds }.min() ?? 0
            var lags: [Double] = []
            for (index, entry) in entries.enumerated() {
                let truth = try #require(truths[index])
                lags.append(arrivals[index] - start - entry.offset.milliseconds)
                // Exactly the trace's answer; the prompt as long as the trace says, as counted.
                #expect(truth.outputTokens == entry.outputTokens, "line \(entry.line)")
                #expect(
                    abs(truth.promptTokens - entry.inputTokens) <= InputLength.tolerance(forTarget: entry.inputTokens),
                    "line \(entry.line): \(truth.promptTokens) prompt tokens for \(entry.inputTokens)")
                #expect(rows[index]["target_prompt_tokens"] == String(entry.inputTokens))
                #expect(rows[index]["output_tokens"] == String(entry.outputTokens))
            }
            let sorted = lags.sorted()
            print(
                "trace arrival lag at the simulator, beyond the least delayed (ms): min \(sorted[0]), "
                    + "median \(sorted[sorted.count / 2]), P90 \(sorted[sorted.count * 9 / 10]), max \(sorted[sorted.count - 1])"
            )
            // Debug build, two shared cores: median 0.7 ms, P90 2.4 ms, max 5 ms measured (the first
            // request, which opens the first connection). A schedule off by the speed or the window
            // would be off by hundreds of milliseconds at least.
            #expect(sorted[sorted.count / 2] < 5 && sorted[sorted.count * 9 / 10] < 10 && sorted[sorted.count - 1] < 50)
            #expect(result.summary.inputTokens?.withinTolerance == entries.count)
            let console = ConsoleSummary.render(result.summary, folder: result.folder.path)
            #expect(console.contains("Input      trace lengths: \(entries.count) of \(entries.count) server counts"))

            // Prompts that start with the same hash id start with the same text (a block of
            // about 512 tokens), those that do not share no more than the run's header.
            let prompts = try String(
                contentsOf: result.folder.appendingPathComponent("responses.jsonl"), encoding: .utf8
            )
            .split(separator: "\n").map { try JSONDecoder().decode(ResponseEntry.self, from: Data($0.utf8)) }
            .sorted { $0.index < $1.index }.map(\.prompt)
            #expect(prompts.count == entries.count)
            let header = try #require(prompts.first.map { String($0.prefix { $0 != "]" }) + "] " })
            var sharing = 0
            for i in entries.indices {
                for j in entries.indices where j > i {
                    let common = zip(prompts[i], prompts[j]).prefix { $0 == $1 }.count
                    if entries[i].hashIDs.first == entries[j].hashIDs.first {
                        sharing += 1
                        let shortest = min(entries[i].inputTokens, entries[j].inputTokens, 512)
                        // A simulator token is about four characters.
                        #expect(common > header.count + shortest * 2, "lines \(entries[i].line), \(entries[j].line)")
                    } else {
                        #expect(common < header.count + 40, "lines \(entries[i].line), \(entries[j].line)")
                    }
                }
            }
            #expect(sharing > 3, "the window holds prompts that share blocks")

            let description = result.summary.runDescription.load
            #expect(description.pattern == "trace@mooncake-sample.jsonl(x4.0)")
            let part = try #require(description.trace)
            #expect(part.format == "mooncake" && part.speed == 4 && part.file == Self.sample)
            #expect(part.windowStartS == 0 && part.windowEndS == 10 && part.blockTokens == 512)
            #expect(part.entries == entries.count && part.fileEntries == 300)
            let calibration = try #require(result.summary.runDescription.inputCalibration)
            #expect(calibration.method == "tokenize" && calibration.raisedEntries == 0)
        }
    }
}
