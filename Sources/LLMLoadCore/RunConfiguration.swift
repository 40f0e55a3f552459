/// Everything that defines one run, validated once before any load is sent.
public struct RunConfiguration: Sendable {
    /// The server under test: one, or several replicas of it (`--url` repeated).
    ///
    /// With replicas, every one must serve the same API and model (checked before any load);
    /// requests are spread over them by ``balance`` and never re-routed: a replica that stops
    /// answering mid-run fails the requests given to it, counted against it.
    public struct Target: Sendable {
        /// Scheme, host, port and optional path prefix, without the API path; the first
        /// replica's when there are several.
        public var baseURL: String
        /// The other replicas' base URLs, after ``baseURL``; empty for a single server.
        public var replicaURLs: [String] = []
        /// How requests are spread over the replicas.
        public var balance: LoadBalance = .roundRobin
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

        /// Every replica's base URL, ``baseURL`` first.
        public var baseURLs: [String] { [baseURL] + replicaURLs }

        /// Headers every request to the target carries.
        public var headers: [(String, String)] {
            apiKey.map { [("Authorization", "Bearer \($0)")] } ?? []
        }
    }

    /// When and how many requests are sent.
    public struct Load: Sendable {
        /// How requests are paced, and at what rate.
        public var profile: LoadProfile
        /// Requests due at or after this offset from the start are not sent.
        public var duration: Duration
        public var maximumRequests: Int?
        /// How long requests still in flight after the last send may take before they are cancelled.
        public var drainTimeout: Duration
        /// Requests sent first, at the same rate, and left out of every statistic.
        public var warmup: Warmup?
        /// An open loop's cap on requests in flight (`--max-in-flight`): a request due while this
        /// many are in flight waits in the client until one ends. `nil`: no cap.
        public var maximumInFlight: Int?
        /// Set when this run is one shard of a load sent from several processes. Request counts
        /// (`maximumRequests`, warm-up requests) and closed-loop users stay the whole load's.
        public var coordination: Coordination?
        /// Closed loop only (`--turns`): each user holds conversations of this many turns, sending
        /// turn k+1 with the whole history and the server's answers after its think time; `nil`:
        /// every request stands alone.
        public var conversationTurns: Int?

        public init(
            profile: LoadProfile, duration: Duration, maximumRequests: Int? = nil,
            drainTimeout: Duration = .seconds(300), warmup: Warmup? = nil, maximumInFlight: Int? = nil,
            coordination: Coordination? = nil, conversationTurns: Int? = nil
        ) {
            self.conversationTurns = conversationTurns
            self.maximumInFlight = maximumInFlight
            self.profile = profile
            self.duration = duration
            self.maximumRequests = maximumRequests
            self.drainTimeout = drainTimeout
            self.warmup = warmup
            self.coordination = coordination
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
        /// Where each prompt comes from: given text or synthetic text of a fitted length.
        public var prompts: Prompts = .given(GivenPrompts())
        /// Start every prompt with a short tag unique to the request, so the server's prompt
        /// (prefix) cache cannot hide the prefill of a repeated prompt.
        public var isUniquePrefix = true
        /// Ollama `options.num_ctx`; `nil`: with `inputLength`, large enough for the longest
        /// prompt and its answer; otherwise the server's default.
        public var contextLength: Int?
        public var maxOutputTokens: Int?
        public var isStreaming = true
        public var sampling = SamplingOptions()
        public var keepAlive: String?
        public var stop: [String] = []
        public var ignoresEndOfSequence = false
        /// Whether a reasoning model should think (`--think on|off`); `nil`: its default.
        public var think: Bool?
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
    /// `--strict-preflight`: a pre-flight warning stops the run before any load.
    public var isStrictPreflight = false

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

    /// How long the warm-up occupies the schedule, in seconds: the measured `duration` comes
    /// after it. A `Double`, so an absurd `--warmup-requests` at a slow rate can be refused
    /// rather than overflow a `Duration`.
    public var warmupSeconds: Double {
        switch warmup {
        case .duration(let duration): duration.seconds
        case .requests(let count):
            switch profile {
            case .constant(let rate), .poisson(let rate, _), .gamma(let rate, _, _): Double(count) / rate
            case .ramp(let ramp): ramp.arrivalSeconds(Double(count))
            // A closed loop's pace depends on the server: its warm-up requests come out of `duration`.
            case .closedLoop: 0
            // The instant of the first measured entry.
            case .trace(let trace):
                count < trace.entries.count ? trace.entries[count].offset.seconds : trace.span.seconds
            }
        case nil: 0
        }
    }

    /// ``warmupSeconds`` as a duration (validated to fit before any run starts).
    public var warmupSpan: Duration {
        if case .duration(let duration) = warmup { return duration }
        return .nanoseconds(Int64((warmupSeconds * 1e9).rounded()))
    }

    /// The mean rate offered over the measured part of the run; `nil` for the closed loop,
    /// which offers no rate (its rate is whatever the server sustains), and for a trace.
    public var offeredRatePerSecond: Double? {
        switch profile {
        case .constant(let rate), .poisson(let rate, _), .gamma(let rate, _, _): rate
        case .ramp(let ramp):
            (ramp.expectedArrivals(by: (warmupSpan + duration).seconds) - ramp.expectedArrivals(by: warmupSpan.seconds))
                / duration.seconds
        // A trace offers its own instants, not a rate; its schedule lag says whether they were kept.
        case .closedLoop, .trace: nil
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
