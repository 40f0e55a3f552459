import Foundation
import LLMLoadCore

/// `config.json`: the configuration a run actually used (after discovery filled in the API and
/// model), the tool and the machine. Never holds the API key: only whether one was given.
public struct RunConfigurationFile: Sendable, Codable, Equatable {
    public struct Target: Sendable, Codable, Equatable {
        public var url: String
        public var api: String
        public var model: String
        public var serverVersion: String?
        public var simulated: Bool
        public var apiKeyGiven: Bool
        public var tlsVerified: Bool
    }

    public struct Load: Sendable, Codable, Equatable {
        public var pattern: String
        /// The open loop's rate (a ramp's highest); absent for the closed loop.
        public var ratePerS: Double?
        public var durationS: Double
        public var maxRequests: Int?
        public var warmupS: Double?
        public var warmupRequests: Int?
        public var drainTimeoutS: Double
        /// The Poisson arrivals' seed; absent for the other patterns.
        public var seed: UInt64?
        /// The closed loop's users and think time; absent for the open-loop patterns.
        public var concurrency: Int?
        public var thinkTimeS: Double?
    }

    public struct Requests: Sendable, Codable, Equatable {
        /// The prompt given with `--prompt`; `nil` for the built-in set or a file.
        public var prompt: String?
        /// `--prompts`, `--template`, `--shuffle-seed`.
        public var promptFile: String?
        public var template: String?
        public var shuffleSeed: UInt64?
        /// Each prompt started with a tag unique to the request (`--no-unique-prompts` turns it off).
        public var uniquePrefix: Bool
        /// `--input-tokens` as given, `--shared-prefix`, the corpus (`built-in` or a path) and
        /// the seed of lengths and corpus places; absent without `--input-tokens`.
        public var inputTokens: String?
        public var sharedPrefixTokens: Int?
        public var corpus: String?
        public var inputSeed: UInt64?
        /// Ollama `num_ctx` sent with every request; absent when the server's default was kept.
        public var numCtx: Int?
        public var maxTokens: Int?
        public var stream: Bool
        public var temperature: Double?
        public var topP: Double?
        public var seed: Int?
        public var keepAlive: String?
        public var stop: [String]
        public var ignoreEos: Bool
        public var timeoutS: Double
    }

    public struct Objectives: Sendable, Codable, Equatable {
        public var ttftMs: Double?
        public var tpotMs: Double?
        public var e2eMs: Double?
    }

    public var tool: String
    public var toolVersion: String
    /// The command line, with any API key replaced.
    public var commandLine: [String]
    public var target: Target
    public var load: Load
    public var requests: Requests
    public var objectives: Objectives?
    /// How the synthetic prompts were fitted (`--input-tokens`).
    public var inputCalibration: InputCalibration?
    public var outputFolder: String
    public var label: String?
    public var host: HostFacts

    public init(
        configuration c: RunConfiguration, api: String, model: String, serverVersion: String?, pattern: String,
        toolVersion: String, commandLine: [String], outputFolder: String, host: HostFacts,
        inputCalibration: InputCalibration? = nil, contextLength: Int? = nil
    ) {
        let redactor = SecretRedactor(secrets: [c.target.apiKey])
        tool = "llmload"
        self.toolVersion = toolVersion
        self.commandLine = commandLine.map(redactor.redact)
        target = Target(
            url: c.target.baseURL, api: api, model: model,
            serverVersion: serverVersion, simulated: c.target.isSimulated, apiKeyGiven: c.target.apiKey != nil,
            tlsVerified: !c.target.isInsecure
        )
        load = Load(
            pattern: pattern, ratePerS: c.load.profile.isClosedLoop ? nil : c.load.ratePerSecond,
            durationS: c.load.duration.seconds, maxRequests: c.load.maximumRequests,
            warmupS: c.load.warmupDuration?.seconds, warmupRequests: c.load.warmupRequestCount,
            drainTimeoutS: c.load.drainTimeout.seconds, seed: c.load.poissonSeed, concurrency: c.load.closedLoopUsers,
            thinkTimeS: c.load.closedLoopThinkTime?.seconds
        )
        let r = c.requests
        requests = Requests(
            prompt: r.prompt, promptFile: r.promptFile, template: r.template, shuffleSeed: r.shuffleSeed,
            uniquePrefix: r.isUniquePrefix, inputTokens: r.inputLength?.description,
            sharedPrefixTokens: r.sharedPrefixTokens,
            corpus: r.inputLength == nil ? nil : (r.corpusFile ?? "built-in"),
            inputSeed: r.inputLength == nil ? nil : r.inputSeed, numCtx: contextLength,
            maxTokens: r.maxOutputTokens, stream: r.isStreaming, temperature: r.sampling.temperature,
            topP: r.sampling.topP, seed: r.sampling.seed, keepAlive: r.keepAlive, stop: r.stop,
            ignoreEos: r.ignoresEndOfSequence, timeoutS: r.timeout.seconds
        )
        objectives = c.objectives.map {
            Objectives(
                ttftMs: $0.timeToFirstToken?.milliseconds, tpotMs: $0.timePerOutputToken?.milliseconds,
                e2eMs: $0.endToEndLatency?.milliseconds)
        }
        self.inputCalibration = inputCalibration
        self.outputFolder = outputFolder
        label = c.output.label
        self.host = host
    }

    /// Pretty, sorted JSON with snake_case keys.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return try encoder.encode(self)
    }

    public static func decode(_ data: Data) throws -> RunConfigurationFile {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(RunConfigurationFile.self, from: data)
    }
}
