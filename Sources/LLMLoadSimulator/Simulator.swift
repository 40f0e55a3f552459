import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle

/// The built-in simulated LLM server: Ollama's and the OpenAI-compatible API with exact, configurable timing, a queue,
/// and injectable faults. `llmload simulate` serves it; `llmload run --simulate` and the tests
/// run it in-process with ``withRunning(_:host:observer:_:)``.
public enum Simulator {
    /// The Hummingbird application serving `configuration` on `host:port` (port 0: any free one).
    public static func makeApplication(
        _ configuration: SimulatorConfiguration,
        host: String,
        port: Int,
        logger: Logger,
        observer: (@Sendable (SimulatedRequestTruth) -> Void)? = nil,
        metricsObserver: (@Sendable (SimulatedMetricsScrape) -> Void)? = nil,
        wireTimestamps: WireTimestamps? = nil,
        eventLoopGroup: (any EventLoopGroup)? = nil,
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let router = Router(context: BasicRequestContext.self)
        let state = SimulatorState(configuration: configuration, observer: observer, metricsObserver: metricsObserver)
        if let key = configuration.apiKey { router.add(middleware: BearerAuthentication(key: key)) }
        if configuration.servesOllama { OllamaRoutes(simulator: state).register(on: router) }
        if configuration.servesOpenAI { OpenAIRoutes(simulator: state).register(on: router) }
        ServerStateRoutes(simulator: state).register(on: router)
        MetricsRoute(simulator: state).register(on: router)
        let endpoints = GenerationEndpoint.table(for: configuration)
        return Application(
            router: router,
            server: .http1(
                // Per connection: the wire's stamps (tests), then the generation routes' own handler.
                configuration: .init(
                    additionalChannelHandlers: (wireTimestamps.map { [$0.makeHandler()] } ?? [])
                        + [GenerationHandler(simulator: state, endpoints: endpoints, wireTimestamps: wireTimestamps)])
            ),
            configuration: .init(address: .hostname(host, port: port), serverName: GenerationHandler.serverName),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? port) },
            eventLoopGroupProvider: .shared(eventLoopGroup ?? Self.eventLoops),
            logger: logger
        )
    }

    /// Starts the simulator on a free loopback port, runs `body` with its base URL, then shuts
    /// it down gracefully (also when `body` throws). The Hummingbird `testServer` pattern.
    public static func withRunning<Result: Sendable>(
        _ configuration: SimulatorConfiguration,
        host: String = "127.0.0.1",
        observer: (@Sendable (SimulatedRequestTruth) -> Void)? = nil,
        metricsObserver: (@Sendable (SimulatedMetricsScrape) -> Void)? = nil,
        wireTimestamps: WireTimestamps? = nil,
        _ body: @Sendable (_ baseURL: String) async throws -> Result
    ) async throws -> Result {
        var logger = Logger(label: "llmload.simulator")
        logger.logLevel = .warning
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        // Its own event loop, so the simulator's writes never queue behind the client's reads
        // on a shared thread (the client under test uses NIO's singleton group).
        let eventLoops = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        defer { eventLoops.shutdownGracefully { _ in } }
        let application = makeApplication(
            configuration, host: host, port: 0, logger: logger, observer: observer, metricsObserver: metricsObserver,
            wireTimestamps: wireTimestamps,
            eventLoopGroup: eventLoops, onServerRunning: { portContinuation.yield($0) }
        )
        let group = ServiceGroup(
            configuration: .init(services: [application], gracefulShutdownSignals: [], logger: logger)
        )
        return try await withThrowingTaskGroup(of: Void.self, returning: Result.self) { tasks in
            tasks.addTask {
                // If the server cannot start, end the port stream so the caller is not left waiting.
                defer { portContinuation.finish() }
                try await group.run()
            }
            guard let port = await ports.first(where: { _ in true }) else {
                try await tasks.waitForAll()
                throw SimulatorError.didNotStart
            }
            do {
                let result = try await body("http://\(host):\(port)")
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
                return result
            } catch {
                await group.triggerGracefulShutdown()
                try? await tasks.waitForAll()
                throw error
            }
        }
    }
}

extension Simulator {
    /// The loops of a simulator given none: one per core this process may use (`taskset`
    /// narrows it), not per core of the machine as NIO's singleton, since extra loops on a
    /// pinned core only switch threads. Like the singleton, it lives as long as the process.
    static let eventLoops = MultiThreadedEventLoopGroup(numberOfThreads: usableCoreCount)

    /// The cores this process may run on (its affinity mask, as `taskset` sets it): the
    /// simulator's event loops. NIO's `System.coreCount` counts the machine's cores, and more
    /// loops than cores only adds thread switches.
    public static var usableCoreCount: Int {
        // `Cpus_allowed:\t3` (a hex mask, comma-separated in 32-bit groups); Glibc's Swift
        // module does not export `sched_getaffinity`.
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Cpus_allowed:") })
        else { return System.coreCount }
        let count = line.dropFirst("Cpus_allowed:".count).reduce(0) { count, character in
            count + (character.hexDigitValue?.nonzeroBitCount ?? 0)
        }
        return count > 0 ? count : System.coreCount
    }
}

/// Why the simulator could not serve.
public enum SimulatorError: Error, CustomStringConvertible {
    case didNotStart

    public var description: String {
        switch self {
        case .didNotStart: "the simulator did not start listening"
        }
    }
}
