import Foundation
import LLMLoadCore
import LLMLoadMetrics
import LLMLoadReport
import Testing

/// `config.json` is the run's description, and `summary.json` embeds the same value: the load's
/// pacing is stated once, in its own terms, and no setting is written under two names.
@Suite struct RunDescriptionTests {
    private func description(
        _ profile: LoadProfile, warmup: RunConfiguration.Warmup? = nil,
        calibration: InputCalibration? = nil, contextLength: Int? = nil
    ) -> RunDescription {
        let load = RunConfiguration.Load(profile: profile, duration: .seconds(10), warmup: warmup)
        var configuration = RunConfiguration(target: .init(baseURL: "http://127.0.0.1:1", model: "m"), load: load)
        configuration.monitor.process = .name("llama-server")
        return RunDescription(
            configuration: configuration, api: "openai-chat", model: "m", serverVersion: nil,
            toolVersion: "0.1.0", commandLine: ["llmload"], outputFolder: "/tmp/x",
            host: HostFacts.current(), inputCalibration: calibration, contextLength: contextLength
        )
    }

    private func object(_ data: Data) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    private func loadObject(_ description: RunDescription) throws -> [String: Any] {
        #expect(try RunDescription.decode(description.encoded()) == description)
        return try #require(try object(description.encoded())["load"] as? [String: Any])
    }

    @Test func aPoissonRunKeepsItsRateAndSeed() throws {
        let load = try loadObject(description(.poisson(ratePerSecond: 5, seed: 42)))
        #expect(load["pattern"] as? String == "poisson@5.00")
        #expect(load["rate_per_s"] as? Double == 5)
        #expect(load["seed"] as? Int == 42)
        #expect(load["concurrency"] == nil && load["ramp"] == nil)
    }

    @Test func aGammaRunKeepsItsRateShapeAndSeedAndSaysSoOnTheConsole() throws {
        let written = description(.gamma(ratePerSecond: 5, burstiness: 0.5, seed: 7))
        let load = try loadObject(written)
        #expect(load["pattern"] as? String == "gamma@5.00(k=0.5)")
        #expect(load["rate_per_s"] as? Double == 5)
        #expect(load["burstiness"] as? Double == 0.5)
        #expect(load["seed"] as? Int == 7)
        #expect(written.load.offeredRatePerS == 5)
        let console = ConsoleSummary.render(summary(written), folder: nil)
        #expect(console.contains("gamma@5.00(k=0.5) (burstiness 0.500) (seed 7)"), "\(console.prefix(200))")
        #expect(try loadObject(description(.poisson(ratePerSecond: 5, seed: 7)))["burstiness"] == nil)
    }

    @Test func aCapOnRequestsInFlightIsWrittenAndShown() throws {
        let load = RunConfiguration.Load(
            profile: .constant(ratePerSecond: 20), duration: .seconds(10), maximumInFlight: 4)
        let written = RunDescription(
            configuration: RunConfiguration(target: .init(baseURL: "http://127.0.0.1:1", model: "m"), load: load),
            api: "openai-chat", model: "m", serverVersion: nil, toolVersion: "0.1.0", commandLine: ["llmload"],
            outputFolder: "/tmp/x", host: HostFacts.current())
        #expect(try loadObject(written)["max_in_flight"] as? Int == 4)
        #expect(try loadObject(description(.constant(ratePerSecond: 20)))["max_in_flight"] == nil)
        #expect(ConsoleSummary.render(summary(written), folder: nil).contains("constant@20.00 (max in flight 4)"))
    }

    @Test func aClosedLoopHasUsersAndThinkTimeButNoRate() throws {
        let load = try loadObject(description(.closedLoop(users: 8, thinkTime: .milliseconds(500))))
        #expect(load["pattern"] as? String == "concurrency@8")
        #expect(load["rate_per_s"] == nil)
        #expect(load["concurrency"] as? Int == 8)
        #expect(load["think_time_s"] as? Double == 0.5)
        #expect(load["seed"] == nil)
    }

    @Test func aRampStatesItsRatesNotAPeakCalledRate() throws {
        let ramp = RateRamp(startPerSecond: 10, endPerSecond: 50, span: .seconds(20))
        let written = description(.ramp(ramp), warmup: .requests(30))
        let load = try loadObject(written)
        #expect(load["pattern"] as? String == "ramp@10.00-50.00/20s")
        #expect(load["rate_per_s"] == nil, "schema 1 wrote the ramp's peak here")
        let rates = try #require(load["ramp"] as? [String: Double])
        #expect(rates == ["start_rate_per_s": 10, "end_rate_per_s": 50, "ramp_s": 20])
        // The mean offered is derived from what was written, exactly as the run computed it.
        let configured = RunConfiguration.Load(profile: .ramp(ramp), duration: .seconds(10), warmup: .requests(30))
        let mean = try #require(written.load.offeredRatePerS)
        #expect(abs(mean - (configured.offeredRatePerSecond ?? 0)) < 1e-9)
        #expect(
            description(.closedLoop(users: 2, thinkTime: .zero)).load.offeredRatePerS == nil)
    }

    @Test func theTargetSaysWhatWasAskedAndWhatWasFound() throws {
        let detected = description(.constant(ratePerSecond: 5))
        #expect(detected.target.requestedApi == nil, "detected")
        #expect(detected.target.api == "openai-chat")
        #expect(
            detected.monitor == RunDescription.Monitor(processName: "llama-server", gpus: "all", serverMetrics: "auto"))
        // --server-metrics as asked: a URL given is kept as given, off as off.
        for (source, written) in [
            (RunConfiguration.ServerMetricsSource.url("http://10.0.0.5:9400/metrics"), "http://10.0.0.5:9400/metrics"),
            (.off, "off"),
        ] {
            var monitor = RunConfiguration.Monitor()
            monitor.serverMetrics = source
            #expect(RunDescription.Monitor(configuration: monitor).serverMetrics == written)
        }
        // Asked for an alias on a given API: both the words asked and what the server resolved.
        let configuration = RunConfiguration(
            target: .init(baseURL: "http://127.0.0.1:1", api: .ollamaChat, model: "qwen3"),
            load: .init(profile: .constant(ratePerSecond: 1), duration: .seconds(1)))
        let resolved = RunDescription(
            configuration: configuration, api: "ollama-chat", model: "qwen3:latest", serverVersion: "0.12.3",
            toolVersion: "0.1.0", commandLine: ["llmload"], outputFolder: "/tmp/x", host: HostFacts.current())
        let target = try #require(try object(resolved.encoded())["target"] as? [String: Any])
        #expect(target["requested_model"] as? String == "qwen3")
        #expect(target["model"] as? String == "qwen3:latest")
        #expect(target["requested_api"] as? String == "ollama-chat")
        #expect(target["server_version"] as? String == "0.12.3")
    }

    @Test func numCtxIsWrittenOnceNotAlsoInTheCalibration() throws {
        let calibration = InputCalibration(
            method: "generation", detail: "d", tokensPerWord: 1.3, levels: 1, serverCounts: 2, maxErrorTokens: 0,
            seconds: 0.5)
        let written = description(.constant(ratePerSecond: 5), calibration: calibration, contextLength: 1792)
        let text = String(decoding: try written.encoded(), as: UTF8.self)
        #expect(text.contains("\"num_ctx\" : 1792"))
        #expect(!text.contains("context_length"))
        #expect(written.inputCalibration?.method == "generation")
    }

    /// The summary as a run writes it: with input tokens, so their calibration is in play.
    private func summary(_ description: RunDescription) -> RunSummary {
        var summary = SummaryWriterTests.summary
        summary.runDescription = description
        summary.runDescription.requests.inputTokens = "1500"
        summary.inputTokens = .init(comparison: InputTokenComparison())
        return summary
    }

    @Test func summaryEmbedsExactlyWhatConfigHolds() throws {
        let calibration = InputCalibration(
            method: "tokenize", detail: "d", tokensPerWord: 1.3, levels: 3, serverCounts: 4, maxErrorTokens: 1,
            seconds: 0.5)
        let summary = summary(description(.poisson(ratePerSecond: 5, seed: 7), calibration: calibration))
        let file = try object(SummaryWriter.encode(summary))
        let embedded = try #require(file["run_description"] as? [String: Any])
        let config = try object(summary.runDescription.encoded())
        #expect(NSDictionary(dictionary: embedded).isEqual(to: config))
        let decoded = try SummaryWriter.decode(SummaryWriter.encode(summary))
        #expect(decoded == summary)
    }

    @Test func noSettingIsWrittenOutsideTheDescription() throws {
        let calibration = InputCalibration(
            method: "tokenize", detail: "d", tokensPerWord: 1.3, levels: 3, serverCounts: 4, maxErrorTokens: 1,
            seconds: 0.5)
        var file = try object(
            SummaryWriter.encode(summary(description(.constant(ratePerSecond: 5), calibration: calibration))))
        let description = try #require(file.removeValue(forKey: "run_description") as? [String: Any])
        // Sections of the description never appear again at the summary's top level…
        let repeated = Set(description.keys).subtracting(["schema_version", "requests"]).intersection(file.keys)
        #expect(repeated.isEmpty, "\(repeated)")
        // …nor do schema 1's second names for settings anywhere among the measured figures.
        var keys: Set<String> = []
        func collect(_ value: Any) {
            if let object = value as? [String: Any] {
                keys.formUnion(object.keys)
                object.values.forEach(collect)
            } else if let array = value as? [Any] {
                array.forEach(collect)
            }
        }
        collect(file)
        for old in ["offered_rate_per_s", "max_output_tokens", "calibration", "tool", "target", "load", "stream"] {
            #expect(!keys.contains(old), "\(old) is a setting: it belongs in run_description")
        }
    }
}
