extension RunDescription {
    /// The description of a run of `configuration` against the target discovery found.
    /// - Parameters:
    ///   - api, model, serverVersion: what discovery found (the configuration holds what was asked).
    ///   - commandLine: redacted here with the configuration's API key.
    ///   - contextLength: the Ollama `num_ctx` every request carries, if any.
    ///   - preflight: the pre-flight check's findings.
    public init(
        configuration c: RunConfiguration, api: String, model: String, serverVersion: String?,
        toolVersion: String, commandLine: [String], outputFolder: String, host: HostFacts,
        inputCalibration: InputCalibration? = nil, contextLength: Int? = nil, preflight: [PreflightFinding]? = nil
    ) {
        let redactor = SecretRedactor(secrets: [c.target.apiKey])
        self.init(
            tool: Tool(version: toolVersion),
            commandLine: commandLine.map(redactor.redact),
            target: Target(
                url: c.target.baseURL, api: api, model: model, serverVersion: serverVersion,
                simulated: c.target.isSimulated, apiKeyGiven: c.target.apiKey != nil, tlsVerified: !c.target.isInsecure,
                requestedApi: c.target.api?.rawValue, requestedModel: c.target.model
            ),
            load: Load(configuration: c.load),
            requests: Requests(configuration: c.requests, contextLength: contextLength),
            objectives: c.objectives.map(Objectives.init),
            inputCalibration: inputCalibration,
            monitor: Monitor(configuration: c.monitor),
            output: Output(folder: outputFolder, label: c.output.label),
            host: host
        )
        self.preflight = preflight
    }
}

extension RunDescription.Objectives {
    /// The bounds `slo` sets, in milliseconds.
    public init(_ slo: ServiceLevelObjectives) {
        func milliseconds(_ duration: Duration) -> Double { duration.seconds * 1000 }
        self.init(
            ttftMs: slo.timeToFirstToken.map(milliseconds), tpotMs: slo.timePerOutputToken.map(milliseconds),
            e2eMs: slo.endToEndLatency.map(milliseconds))
    }
}

extension RunDescription.Load {
    /// `load` as written: the profile's own parameters, nothing derived.
    public init(configuration load: RunConfiguration.Load) {
        var rate: Double?
        var ramp: Ramp?
        switch load.profile {
        case .constant(let r), .poisson(let r, _), .gamma(let r, _, _): rate = r
        case .ramp(let r):
            ramp = Ramp(startRatePerS: r.startPerSecond, endRatePerS: r.endPerSecond, rampS: r.span.seconds)
        case .closedLoop, .trace: break
        }
        self.init(
            pattern: load.profile.label, ratePerS: rate, ramp: ramp, seed: load.arrivalSeed,
            burstiness: load.burstiness, maxInFlight: load.maximumInFlight, concurrency: load.closedLoopUsers,
            thinkTimeS: load.closedLoopThinkTime?.seconds, durationS: load.duration.seconds,
            maxRequests: load.maximumRequests, warmupS: load.warmupDuration?.seconds,
            warmupRequests: load.warmupRequestCount, drainTimeoutS: load.drainTimeout.seconds
        )
        shard = load.coordination.map(ShardPart.init)
        trace = load.trace.map(TracePart.init)
        turns = load.conversationTurns
    }

    /// The mean rate the schedule offered over `durationS` (a ramp's mean over the measured
    /// part, after the warm-up); `nil` for the closed loop, which offers no rate. Derived from
    /// the profile, so never written: the same computation as the run's own
    /// (`RunConfiguration.Load.offeredRatePerSecond`).
    public var offeredRatePerS: Double? {
        guard durationS > 0 else { return nil }
        let profile: LoadProfile
        if let ramp, ramp.startRatePerS > 0, ramp.endRatePerS > 0, ramp.rampS > 0 {
            profile = .ramp(
                RateRamp(startPerSecond: ramp.startRatePerS, endPerSecond: ramp.endRatePerS, span: .seconds(ramp.rampS))
            )
        } else if let ratePerS, ratePerS > 0 {
            // Every profile with a rate offers that rate on average: which one it was does not matter.
            profile = .constant(ratePerSecond: ratePerS)
        } else {
            return nil
        }
        var load = RunConfiguration.Load(profile: profile, duration: .seconds(durationS))
        load.warmup = warmupS.map { .duration(.seconds($0)) } ?? warmupRequests.map { .requests($0) }
        return load.offeredRatePerSecond
    }
}

extension RunDescription.Requests {
    /// `requests` as the run sends them, with the `num_ctx` it settled on.
    public init(configuration r: RunConfiguration.Requests, contextLength: Int?) {
        self.init(maxTokens: r.maxOutputTokens, stream: r.isStreaming, timeoutS: r.timeout.seconds)
        switch r.prompts {
        case .given(let given):
            switch given.origin {
            case .builtIn: break
            case .fixed(let text): prompt = text
            case .file(let path): promptFile = path
            }
            template = given.template
            shuffleSeed = given.shuffleSeed
        case .synthetic(let synthetic):
            inputTokens = synthetic.length.description
            sharedPrefixTokens = synthetic.sharedPrefixTokens
            corpus = synthetic.corpusFile ?? "built-in"
            inputSeed = synthetic.seed
        case .trace(let trace):
            corpus = trace.corpusFile ?? "built-in"
            inputSeed = trace.seed
        }
        uniquePrefix = r.isUniquePrefix
        numCtx = contextLength
        temperature = r.sampling.temperature
        topP = r.sampling.topP
        seed = r.sampling.seed
        keepAlive = r.keepAlive
        stop = r.stop
        ignoreEos = r.ignoresEndOfSequence
        think = r.think
    }
}

extension RunDescription.Monitor {
    /// What `--monitor-pid`/`--monitor-process` and `--gpu` asked for.
    public init(configuration m: RunConfiguration.Monitor) {
        var pid: Int32?
        var name: String?
        switch m.process {
        case .pid(let value): pid = value
        case .name(let value): name = value
        case nil: break
        }
        let gpus =
            switch m.gpus {
            case .none: "none"
            case .all: "all"
            case .indices(let indices): indices.map(String.init).joined(separator: ",")
            }
        let serverMetrics =
            switch m.serverMetrics {
            case .auto: "auto"
            case .off: "off"
            case .url(let url): url
            }
        self.init(processPid: pid, processName: name, gpus: gpus, serverMetrics: serverMetrics)
    }
}
