import Foundation
import LLMLoadBackends
import LLMLoadCore
import LLMLoadMetrics
import LLMLoadMonitor
import LLMLoadReport
import LLMLoadScheduler
import LLMLoadWorkload
import Logging

/// Composes one run: checks, load, records, summary. The single place that knows every module.
///
/// Order matters for the user: every check that can fail (output folder, target, model) runs
/// before the first request is sent; once the load has started, nothing measured is lost.
public struct LoadRun: Sendable {
    /// The tool's version, written into every output.
    public static let toolVersion = "0.1.0"

    public let configuration: RunConfiguration
    public let stop: StopSignal
    public let logger: Logger
    /// Tells the user what happens before the load starts (fitting prompts, Ollama's context
    /// window): one line each.
    public let notify: @Sendable (String) -> Void
    /// Called with the client as the load starts. A test seam: tests block the client's event
    /// loops through it to saturate the client on purpose.
    package var onLoadStarted: (@Sendable (HTTPInferenceClient) -> Void)?

    public init(
        configuration: RunConfiguration, stop: StopSignal = StopSignal(), logger: Logger,
        notify: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.configuration = configuration
        self.stop = stop
        self.logger = logger
        self.notify = notify
    }

    /// What a finished run produced.
    public struct Result: Sendable {
        public var summary: RunSummary
        public var folder: URL
        /// Outputs that could not be written (the others were).
        public var writeFailures: [String]
    }

    /// Runs the load and writes every output.
    /// - Parameters:
    ///   - progressInterval: how often `progress` is called.
    ///   - progress: called every `progressInterval` with live counts (never on the request path).
    /// - Throws: only before the load starts: a bad output folder (``ReportError``), target or
    ///   monitored process or GPU (``RunError``).
    public func run(
        progressInterval: Duration = .seconds(1), progress: (@Sendable (LiveProgress.Snapshot) -> Void)? = nil
    ) async throws -> Result {
        let base = URL(fileURLWithPath: configuration.output.directory)
        try RunFolder.checkWritable(base: base)
        let prompts = try Self.makePromptPlan(configuration)
        let monitor: SystemMonitor
        do {
            monitor = try SystemMonitor.prepare(configuration.monitor)
        } catch {
            throw RunError.monitor(error.description)
        }
        let load = configuration.load
        let timeout = configuration.requests.timeout
        // Open loop: in flight ≈ rate × latency, and latency is at most the timeout. A smaller
        // pool would queue requests inside the client, silently (STYLE C11). Connections are
        // opened on demand, so a generous limit costs nothing until the server slows down.
        // Closed loop, or an open loop's cap: exactly one connection per request in flight.
        let connections =
            if let cap = load.maximumInFlight {
                max(cap, 16)
            } else if let rate = load.profile.peakRatePerSecond {
                Int(min(max(rate * timeout.seconds, 16), 50_000))
            } else {
                max(load.closedLoopUsers ?? 0, 16)
            }
        let transport = HTTPInferenceClient.Configuration(
            maximumConnections: connections, verifiesCertificates: !configuration.target.isInsecure)
        let redactor = SecretRedactor(secrets: [configuration.target.apiKey])
        return try await HTTPInferenceClient.withClient(configuration: transport) { client in
            // Ctrl-C or SIGTERM before the load ends the run at once (`beforeLoad`).
            let (target, versions, workload, findings) = try await beforeLoad { [self] in
                // Every replica, before anything is sent to any of them.
                let discovered = try await discoverTargets(client: client, redactor: redactor)
                var target = discovered.target
                let versions = discovered.versions
                // Conversations need roles: a detected Ollama server is driven through /api/chat.
                if configuration.target.api == nil && configuration.load.conversationTurns != nil
                    && target.api == .ollamaGenerate
                {
                    target.api = .ollamaChat
                }
                if target.api.isOllama && configuration.requests.ignoresEndOfSequence {
                    throw RunError.target(
                        "--ignore-eos is not supported by Ollama's native API (\(target.api.rawValue))")
                }
                try Self.checkConversations(
                    configuration.load, api: target.api, language: configuration.output.language)
                let findings = try await preflight(client: client, target: target)
                // Prompts are fitted on the first replica: the same model counts the same.
                return (target, versions, try await prepareWorkload(prompts, client: client, target: target), findings)
            }
            let start = try Self.startInstant(of: configuration.load.coordination)
            return try await measure(
                with: client, target: target, versions: versions, base: base, redactor: redactor, monitor: monitor,
                workload: workload, preflight: findings, start: start, progress: progress.map { (progressInterval, $0) }
            )
        }
    }

    private func measure(
        with client: HTTPInferenceClient,
        target: TargetDiscovery.Target,
        versions: [String?],
        base: URL,
        redactor: SecretRedactor,
        monitor: SystemMonitor,
        workload: PreparedWorkload,
        preflight: [PreflightFinding],
        start mappedStart: ContinuousClock.Instant?,
        progress: (interval: Duration, sink: @Sendable (LiveProgress.Snapshot) -> Void)?
    ) async throws -> Result {
        let startedAtDate = Date()
        let folder = try RunFolder.create(
            base: base, model: target.model, label: configuration.output.label, startedAt: startedAtDate
        )
        // Resolved once; written first, so even a run cut short says how it was set up.
        let description = makeDescription(
            target: target, versions: versions, folder: folder,
            gpus: monitor.gpuDevices.map { $0.name ?? "GPU \($0.index)" }, workload: workload, preflight: preflight)
        let configFailure = Self.write(description, to: folder)
        let api = target.api.makeAPI()
        let shard = configuration.load.coordination?.shard
        let conversations = workload.conversations.map { ConversationBook(plan: $0, shard: shard ?? .whole) }
        let live = LiveProgress()
        let baseURLs = configuration.target.baseURLs
        let balancer =
            baseURLs.count > 1 ? TargetBalancer(targets: baseURLs.count, balance: configuration.target.balance) : nil
        let dispatcher = LoadDispatcher(
            clock: ContinuousClock(),
            limits: .init(
                duration: configuration.load.warmupSpan + configuration.load.duration,
                maximumRequests: configuration.load.maximumRequests.map { whole in
                    let total = whole + (configuration.load.warmupRequestCount ?? 0)
                    return shard?.localCount(ofGlobal: total) ?? total
                },
                drainTimeout: configuration.load.drainTimeout
            ),
            stop: stop,
            requestExecutor: { client.taskExecutor(forRequest: $0) },
            // The first loop times the requests: on one core, a request's instant, its task and
            // its send are then one thread's work.
            ticking: .init(
                executor: client.taskExecutor(ofEventLoop: 0),
                sleep: { try await client.sleep(onEventLoop: 0, until: $0) })
        )
        let records = RecordQueue()
        let (start, startLate) = await Self.waitForStart(mappedStart, stop: stop)
        logger.info(
            "load started", metadata: ["pattern": "\(description.load.pattern)", "folder": "\(folder.url.path)"])
        let loopLag = EventLoopLagProbe(client: client, origin: start, measuredFrom: configuration.load.warmupSpan)
        loopLag.start()
        let cpuAtStart = ClientCPU.Reading.now()
        onLoadStarted?(client)

        async let folding = RecordConsumer.consume(
            records, origin: start, folder: folder, objectives: configuration.objectives,
            warmupSpan: configuration.load.warmupSpan, targets: baseURLs.count
        )
        async let ticker: Void = live.report(
            every: progress?.interval ?? .seconds(1), until: dispatcher.gauge, to: progress?.sink)
        let sender = RequestSender(
            configuration: configuration, client: client, api: api, workload: workload, conversations: conversations,
            balancer: balancer, start: start, redactor: redactor, live: live, records: records)
        // Returns the instant the request ended, which frees its slot under --max-in-flight.
        let send: @Sendable (LoadDispatcher<ContinuousClock>.Dispatch) async -> ContinuousClock.Instant = {
            await sender.send($0)
        }
        let scraper = ServerMetricsScraper.make(
            configuration, api: target.api, model: target.model, interval: monitor.interval)
        let scraping = scraper.map { ($0, client, folder.file(ServerMetricsWriter.fileName)) }
        let (dispatch, samples, scraped) = await Self.monitoring(with: monitor, scraping: scraping, from: start) {
            if case .closedLoop(let users, let thinkTime) = configuration.load.profile {
                // The CLI gives every shard a user at least (`--concurrency` ≥ shards).
                let users = max(1, shard?.users(ofTotal: users) ?? users)
                return await dispatcher.runClosedLoop(users: users, thinkTime: thinkTime, startingAt: start) {
                    (dispatch: LoadDispatcher<ContinuousClock>.Dispatch) in _ = await send(dispatch)
                }
            }
            guard let schedule = configuration.load.makeArrivalSchedule() else {
                preconditionFailure("every open-loop profile has a schedule")
            }
            // A shard caps its share of the whole load's cap, as it runs its share of users.
            if let cap = configuration.load.maximumInFlight.map({ max(1, shard?.users(ofTotal: $0) ?? $0) }) {
                return await dispatcher.run(schedule, maximumInFlight: cap, startingAt: start, send: send)
            }
            // Without a cap nothing waits for a request to end: no task per request.
            return await dispatcher.run(
                schedule, startingAt: start,
                starter: .init(start: { sender.start($0, ended: $1) }, cancelAll: { await client.cancelInFlight() }))
        }
        // The drain is over: nothing left in flight to distort.
        let loopDelay = loopLag.stop()
        let clientCPU = ClientCPU(from: cpuAtStart, to: .now())
        records.finish()
        live.finish()
        let folded = await folding
        await ticker
        // Before the summary and the report: the load's connections and what the requests freed
        // would otherwise sit under them, and the run's peak RSS be the load's plus theirs.
        await client.closeIdleConnections()
        FreedMemory.release()

        var summary = makeSummary(
            aggregator: folded.aggregator, timeSeries: folded.timeSeries.buckets(), dispatch: dispatch,
            description: description,
            startedAt: startedAtDate, endedAt: Date(), loopDelay: loopDelay, eventLoops: client.eventLoopCount,
            clientCPU: clientCPU
        )
        summary.run.startLateMs = startLate?.milliseconds
        summary.targets = targetFigures(folded.byTarget, summary: summary)
        summary.resources = makeResources(
            samples: samples, monitor: monitor, aggregator: folded.aggregator, origin: start)
        if let scraper, let scraped {
            summary.serverMetrics = makeServerMetrics(
                scraped, scraper: scraper, interval: monitor.interval, aggregator: folded.aggregator, origin: start)
        }
        if configuration.fittedInputTokens != nil {
            summary.inputTokens = RunSummary.InputTokens(comparison: folded.aggregator.inputTokens)
        }
        if configuration.load.conversationTurns != nil { summary.turns = folded.aggregator.turns.figures }
        var failures = [configFailure, scraped?.writeFailure].compactMap { $0 } + folded.writeFailures
        if let failure = TimeSeriesCSVWriter.write(
            summary.timeseries, resources: summary.resources, serverMetrics: summary.serverMetrics,
            to: folder.file("timeseries.csv"))
        {
            failures.append(failure)
        }
        do {
            try SummaryWriter.write(summary, to: folder.file("summary.json"))
        } catch {
            failures.append("\(error)")
        }
        // Last: it reads the files above back, and takes the summary from memory in case
        // summary.json was the file that failed.
        FreedMemory.release()
        do {
            try ReportRenderer.render(folder: folder.url, language: configuration.output.language, summary: summary)
        } catch {
            failures.append("report.html: \(error)")
        }
        for failure in failures { logger.error("output not written", metadata: ["reason": "\(failure)"]) }
        return Result(summary: summary, folder: folder.url, writeFailures: failures)
    }
}
