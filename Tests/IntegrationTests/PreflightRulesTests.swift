import LLMLoadBackends
import LLMLoadCore
import LLMLoadRunner
import Testing

/// The pre-flight rules on given server states, without a server: each finding a state and a
/// load lead to.
@Suite struct PreflightRulesTests {
    private typealias Unavailable = ServerStateProbe.Unavailable

    private func configuration(
        profile: LoadProfile = .constant(ratePerSecond: 5), inputTokens: InputLength? = nil, maxTokens: Int? = nil,
        warmupRequests: Int? = nil, maximumInFlight: Int? = nil
    ) -> RunConfiguration {
        var configuration = RunConfiguration(
            target: .init(baseURL: "http://gpu:8080", api: nil, model: nil, isSimulated: false),
            load: .init(profile: profile, duration: .seconds(10)))
        configuration.requests.prompts =
            inputTokens.map { .synthetic(.init(length: $0)) } ?? configuration.requests.prompts
        configuration.requests.maxOutputTokens = maxTokens
        configuration.load.warmup = warmupRequests.map { .requests($0) }
        configuration.load.maximumInFlight = maximumInFlight
        return configuration
    }

    @Test func anOpenLoopIsToldTheSlotsWithoutAWarning() {
        let checks = Preflight(configuration: configuration(), model: "m", sentContextLength: nil)
        let findings = checks.findings(
            .init(
                props: .success(LlamaCppProps(totalSlots: 4, contextPerSlot: 5120, modelAlias: "smollm2")),
                slots: .failure(Unavailable("GET /slots answered HTTP 501"))))
        #expect(
            findings.map(\.line) == [
                "info: llama.cpp (model smollm2): 4 slots, 5120 tokens of context per slot (GET /props)",
                "unavailable: slots busy now: GET /slots answered HTTP 501",
                "info: the server generates for at most 4 requests at once; in this open loop, requests beyond "
                    + "them wait in its queue, and their latency includes the wait",
            ])
    }

    /// `--max-in-flight` bounds what an open loop sends at once: judged against the slots as
    /// the closed loop's users are, instead of the open loop's unbounded note.
    @Test(arguments: [(6, PreflightFinding.Level.warning), (4, .info), (2, .info)])
    func aCapOnRequestsInFlightIsJudgedAgainstTheSlots(cap: Int, level: PreflightFinding.Level) {
        let checks = Preflight(
            configuration: configuration(maximumInFlight: cap), model: "m", sentContextLength: nil)
        let findings = checks.findings(
            .init(props: .success(LlamaCppProps(totalSlots: 4)), slots: .success(.init(count: 4, busy: 0))))
        let capped = findings.filter { $0.text.hasPrefix("--max-in-flight \(cap) ") }
        #expect(capped.map(\.level) == [level], "\(findings)")
        #expect(!findings.contains { $0.text.contains("in this open loop") }, "\(findings)")
        if cap > 4 {
            #expect(capped.first?.text.contains("up to \(cap - 4) requests at a time wait in its queue") == true)
        }
        #expect(capped.allSatisfy { $0.chineseText?.contains("--max-in-flight \(cap)") == true })
    }

    @Test func usersWithinTheSlotsAndPromptsWithinTheContextRaiseNothing() {
        let checks = Preflight(
            configuration: configuration(
                profile: .closedLoop(users: 4, thinkTime: .zero), inputTokens: .uniform(100, 4000), maxTokens: 1120),
            model: "m", sentContextLength: nil)
        let findings = checks.findings(
            .init(
                props: .success(LlamaCppProps(totalSlots: 4, contextPerSlot: 5120)),
                slots: .success(.init(count: 4, busy: 1))))
        #expect(findings.allSatisfy { $0.level == .info }, "\(findings)")
        #expect(findings.map(\.line).contains("info: 1 of 4 slots busy now (GET /slots)"))
    }

    /// Replicas (`--url` repeated): each server is judged against its share of the users.
    @Test func withReplicasEachServerIsJudgedOnItsShareOfTheUsers() {
        let slots = ServerStateProbe.OpenAICompatible(
            props: .success(LlamaCppProps(totalSlots: 4, contextPerSlot: 5120)),
            slots: .success(.init(count: 4, busy: 0)))
        var within = Preflight(
            configuration: configuration(profile: .closedLoop(users: 8, thinkTime: .zero)), model: "m",
            sentContextLength: nil)
        within.replicaCount = 2
        #expect(within.findings(slots).allSatisfy { $0.level == .info }, "8 users over 2 replicas: 4 each")
        var beyond = Preflight(
            configuration: configuration(profile: .closedLoop(users: 9, thinkTime: .zero)), model: "m",
            sentContextLength: nil)
        beyond.replicaCount = 2
        let warnings = beyond.findings(slots).filter { $0.level == .warning }
        #expect(
            warnings.map(\.line) == [
                "warning: --concurrency 9 over 2 replicas (up to 5 on this one) exceeds the server's 4 slots: "
                    + "1 request at a time wait in its queue, and their latency includes the wait"
            ])
        #expect(warnings.first?.text(.zh).hasPrefix("--concurrency 9 分到 2 个副本（本副本最多 5 个） 超过了服务器的 4 个槽位") == true)
    }

    /// `--lang zh`: every finding has its Chinese text, with the same figures.
    @Test func everyFindingIsWrittenInChineseWithTheSameFigures() {
        let checks = Preflight(
            configuration: configuration(
                profile: .closedLoop(users: 6, thinkTime: .zero), inputTokens: .fixed(6000), maxTokens: 256),
            model: "m", sentContextLength: nil)
        let findings = checks.findings(
            .init(
                props: .success(LlamaCppProps(totalSlots: 4, contextPerSlot: 5120, modelAlias: "smollm2")),
                slots: .failure(Unavailable("GET /slots answered HTTP 501"))))
        #expect(findings.count == 4)
        for finding in findings {
            let chinese = finding.line(.zh)
            #expect(finding.chineseText != nil && chinese.unicodeScalars.contains { $0.value >= 0x4E00 }, "\(chinese)")
            // The same numbers, in the same order.
            let numbers = { (text: String) in text.split { !($0.isASCII && $0.isNumber) }.map(String.init) }
            #expect(Set(numbers(chinese)) == Set(numbers(finding.line)), "\(chinese) / \(finding.line)")
        }
        #expect(
            findings.map { $0.line(.zh) }.last
                == "警告: 最长的提示词（6000 token） + --max-tokens 256 = 6256 token 超过了llama.cpp 的每槽上下文（5120 token）："
                + "llama.cpp 会拒绝这样的请求，或在上下文用尽时停止生成")
    }

    @Test func vLLMsMaxModelLenIsTheContextWhenThereIsNoProps() {
        let checks = Preflight(
            configuration: configuration(inputTokens: .fixed(30000), maxTokens: 4096), model: "qwen",
            sentContextLength: nil)
        let findings = checks.findings(
            .init(props: .failure(Unavailable("GET /props answered HTTP 404")), maxModelLength: .success(32768)))
        #expect(
            findings.map(\.line) == [
                "unavailable: llama.cpp slots and context per slot: GET /props answered HTTP 404 (not llama.cpp?)",
                "info: qwen: max_model_len 32768 tokens (GET /v1/models)",
                "warning: the longest prompt (30000 tokens) + --max-tokens 4096 = 34096 tokens exceed max_model_len "
                    + "of 32768 tokens: the server refuses such requests or stops them at the limit",
            ])
    }

    @Test func sglangsOrTGIsContextIsUsedWhenTheModelListHasNone() {
        let checks = Preflight(
            configuration: configuration(inputTokens: .fixed(4000), maxTokens: 512), model: "m", sentContextLength: nil)
        let findings = checks.findings(
            .init(
                props: .failure(Unavailable("GET /props answered HTTP 404")),
                maxModelLength: .failure(Unavailable("GET /v1/models answered without the expected fields")),
                serverInfo: .success(ServerInfoContext(tokens: 4096, source: "max_total_tokens (TGI GET /info)"))))
        #expect(
            findings.map(\.line).suffix(2) == [
                "info: m: 4096 tokens of context, max_total_tokens (TGI GET /info)",
                "warning: the longest prompt (4000 tokens) + --max-tokens 512 = 4512 tokens exceed max_total_tokens "
                    + "of 4096 tokens: the server refuses such requests or stops them at the limit",
            ])
        let neither = checks.findings(
            .init(
                props: .failure(Unavailable("GET /props answered HTTP 404")),
                maxModelLength: .failure(Unavailable("GET /v1/models answered without the expected fields")),
                serverInfo: .failure(Unavailable("GET /get_server_info answered HTTP 404; GET /info answered HTTP 404"))
            ))
        #expect(
            neither.map(\.line).last
                == "unavailable: context length: GET /v1/models answered without the expected fields (no max_model_len: "
                + "not vLLM?); GET /get_server_info answered HTTP 404; GET /info answered HTTP 404 (not SGLang or TGI?)"
        )
    }

    @Test func anOllamaModelNotLoadedIsOnlyInfoWhenAWarmUpLoadsIt() {
        let checks = Preflight(configuration: configuration(warmupRequests: 2), model: "m", sentContextLength: nil)
        let findings = checks.findings(
            .init(running: .success([]), details: .failure(Unavailable("POST /api/show answered HTTP 404"))))
        #expect(
            findings.map(\.line).prefix(3) == [
                "info: m is not loaded (GET /api/ps): the warm-up loads it",
                "unavailable: m's context length and parameters: POST /api/show answered HTTP 404",
                "info: Ollama context: 4096 tokens per request (Ollama's default, assumed: the model's parameters could not be read)",
            ])
    }

    @Test func anOllamaModelNotLoadedIsOnlyInfoWhenFittingThePromptsLoadsIt() {
        let checks = Preflight(
            configuration: configuration(inputTokens: .fixed(100)), model: "m", sentContextLength: 1280)
        let findings = checks.findings(.init(running: .success([]), details: .success(OllamaModelDetails())))
        #expect(
            findings.first?.line == "info: m is not loaded (GET /api/ps): fitting the prompts loads it before the load")
        #expect(!findings.contains { $0.level == .warning }, "\(findings)")
    }

    @Test func theNumCtxSentIsLoweredToTheTrainedContextAndThenChecked() {
        let checks = Preflight(
            configuration: configuration(inputTokens: .fixed(6000), maxTokens: 500), model: "m",
            sentContextLength: 6656)
        let findings = checks.findings(
            .init(
                running: .success([OllamaRunningModel(name: "m:latest", sizeBytes: 4_000_000_000, vramBytes: 0)]),
                details: .success(OllamaModelDetails(architecture: "a", trainedContextLength: 4096))))
        #expect(
            findings.map(\.line).prefix(3) == [
                "info: m is loaded (4.0 GB, on the CPU (no GPU memory))",
                "info: Ollama context: 4096 tokens per request (the num_ctx llmload sends, lowered to the 4096 tokens "
                    + "the model was trained for)",
                "warning: the longest prompt (6000 tokens) + --max-tokens 500 = 6500 tokens exceed Ollama's context "
                    + "of 4096 tokens: Ollama cuts the prompt silently (--num-ctx to raise it)",
            ])
    }
}
