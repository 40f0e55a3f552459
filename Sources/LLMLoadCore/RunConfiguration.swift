/// Everything that defines one run, validated once before any load is sent.
public struct RunConfiguration: Sendable {
    /// The server under test.
    public struct Target: Sendable {
        /// Scheme, host, port and optional path prefix, without the API path.
        public var baseURL: String
        /// `nil`: detect it from the server.
        public var api: APIKind?
        /// `nil`: use the only model the server lists.
        public var model: String?
        /// `true` when the target is the built-in simulator started for this run.
        public var isSimulated: Bool
        /// Sent as `Authorization: Bearer …`; never written to any output.
        public var apiKey: String?
        /// `true` skips TLS certificate verification (`--insecure`).
        public var isInsecure: Bool

        public init(
            baseURL: String,
            api: APIKind? = nil,
            model: String? = nil,
            isSimulated: Bool = false,
            apiKey: String? = nil,
            isInsecure: Bool = false
        ) {
            self.baseURL = baseURL
            self.api = api
            self.model = model
            self.isSimulated = isSimulated
            self.apiKey = apiKey
            self.isInsecure = isInsecure
        }

        /// Headers every request to the target carries.
        public var headers: [(String, String)] {
            apiKey.map { [("Authorization", "Bearer \($0)")] } ?? []
        }
    }

    /// When and how many requests are sent.
    public struct Load: Sendable {
        /// The offered rate of the open-loop patterns (for a ramp: its highest rate, which
        /// sizes the connection pool); not used by the closed loop.
        public var ratePerSecond: Double
        /// How requests are paced: constant, Poisson, ramp or closed loop.
        public var profile: LoadProfile = .constant
        /// Requests due at or after this offset from the start are not sent.
        public var duration: Duration
        public var maximumRequests: Int?
        /// How long requests still in flight after the last send may take before they are cancelled.
        public var drainTimeout: Duration
        /// Requests sent first, at the same rate, and left out of every statistic.
        public var warmup: Warmup?

        public init(
            ratePerSecond: Double, duration: Duration, maximumRequests: Int? = nil,
            drainTimeout: Duration = .seconds(300), warmup: Warmup? = nil
        ) {
            self.ratePerSecond = ratePerSecond
            self.duration = duration
            self.maximumRequests = maximumRequests
            self.drainTimeout = drainTimeout
            self.warmup = warmup
        }
    }

    /// A warm-up before the measured load: a time (sent for that long before `duration`
    /// starts) or a number of requests (sent before the measured ones).
    public enum Warmup: Sendable, Equatable {
        case duration(Duration)
        case requests(Int)
    }

    /// What each request asks.
    public struct Requests: Sendable {
        /// One fixed prompt; `nil` cycles through the built-in prompts.
        public var prompt: String?
        /// A prompt file (text lines, JSONL or ShareGPT); used instead of `prompt`.
        public var promptFile: String?
        /// Each prompt is put in this template's `{question}`.
        public var template: String?
        /// Shuffle the prompts in an order fixed by this seed; `nil` keeps the file's order.
        public var shuffleSeed: UInt64?
        /// Start every prompt with a short tag unique to the request, so the server's prompt
        /// (prefix) cache cannot hide the prefill of a repeated prompt.
        public var isUniquePrefix = true
        /// Synthetic prompts of this many tokens, as the server counts them, cut from a corpus;
        /// used instead of the prompt sources above (`--input-tokens`).
        public var inputLength: InputLength?
        /// With `inputLength`: the first this many tokens of every prompt are the same text, so
        /// the server's prefix cache can reuse them (`--shared-prefix`); the unique tag follows.
        public var sharedPrefixTokens: Int?
        /// The text synthetic prompts are cut from; `nil`: the built-in corpus.
        public var corpusFile: String?
        /// Fixes the synthetic prompts' lengths and where in the corpus each starts.
        public var inputSeed: UInt64 = 42
        /// Ollama `options.num_ctx`; `nil`: with `inputLength`, large enough for the longest
        /// prompt and its answer; otherwise the server's default.
        public var contextLength: Int?
        public var maxOutputTokens: Int?
        public var isStreaming = true
        public var sampling = SamplingOptions()
        public var keepAlive: String?
        public var stop: [String] = []
        public var ignoresEndOfSequence = false
        /// Per request, from the moment it is dispatched.
        public var timeout: Duration = .seconds(300)

        public init() {}
    }

    /// Where results go.
    public struct Output: Sendable {
        /// The folder under which each run creates its own folder.
        public var directory: String
        /// Appended to the run folder's name.
        public var label: String?
        /// The language of `report.html`.
        public var language: ReportLanguage

        public init(directory: String = "results", label: String? = nil, language: ReportLanguage = .en) {
            self.directory = directory
            self.label = label
            self.language = language
        }
    }

    public var target: Target
    public var load: Load
    public var requests: Requests
    public var output: Output
    /// Bounds for goodput; `nil`: no goodput figures.
    public var objectives: ServiceLevelObjectives?
    /// The resource monitor's settings.
    public var monitor = Monitor()

    public init(target: Target, load: Load, requests: Requests = .init(), output: Output = .init()) {
        self.target = target
        self.load = load
        self.requests = requests
        self.output = output
    }
}

extension RunConfiguration.Load {
    /// The warm-up's length when it is a time.
    public var warmupDuration: Duration? {
        if case .duration(let duration) = warmup { duration } else { nil }
    }

    /// The warm-up's size when it is a number of requests.
    public var warmupRequestCount: Int? {
        if case .requests(let count) = warmup { count } else { nil }
    }

    /// How long the warm-up occupies the schedule: the measured `duration` comes after it.
    public var warmupSpan: Duration {
        switch warmup {
        case .duration(let duration): duration
        case .requests(let count):
            switch profile {
            case .constant, .poisson: .nanoseconds(Int64((Double(count) * 1e9 / ratePerSecond).rounded()))
            case .ramp(let ramp): .nanoseconds(Int64((ramp.arrivalSeconds(Double(count)) * 1e9).rounded()))
            // A closed loop's pace depends on the server: its warm-up requests come out of `duration`.
            case .closedLoop: .zero
            }
        case nil: .zero
        }
    }

    /// The mean rate offered over the measured part of the run; `nil` for the closed loop,
    /// which offers no rate (its rate is whatever the server sustains).
    public var offeredRatePerSecond: Double? {
        switch profile {
        case .constant, .poisson: ratePerSecond
        case .ramp(let ramp):
            (ramp.expectedArrivals(by: (warmupSpan + duration).seconds) - ramp.expectedArrivals(by: warmupSpan.seconds))
                / duration.seconds
        case .closedLoop: nil
        }
    }

    /// Whether request `index`, due `offset` after the start, belongs to the warm-up.
    public func isWarmup(index: Int, offset: Duration) -> Bool {
        switch warmup {
        case .duration(let duration): offset < duration
        case .requests(let count): index < count
        case nil: false
        }
    }
}
