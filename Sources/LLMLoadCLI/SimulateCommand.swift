import ArgumentParser
import Hummingbird
import LLMLoadSimulator
import Logging
import ServiceLifecycle

/// `llmload simulate`: serve the simulated Ollama and OpenAI-compatible APIs until interrupted.
struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Serve a simulated LLM server with exact, known timing.",
        discussion: """
            Speaks Ollama's API (/api/generate, /api/chat, /api/tags, /api/version) and the \
            OpenAI-compatible one (/v1/chat/completions, /v1/completions, /v1/models), with POST \
            /tokenize as --tokenize says, and the state the pre-flight check reads: llama.cpp's \
            /props and /slots (--max-concurrency slots, else 64, of --slot-context tokens) and \
            Ollama's /api/ps and /api/show. The first token comes --ttft-ms after a request gets a \
            generation slot, then one token every --itl-ms. With --max-concurrency, further \
            requests wait in a queue.

            Example:
              llmload simulate --port 11434 --ttft-ms 200 --itl-ms 20 --output-tokens 128
            """
    )

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on (0: any free port).")
    var port = 11434

    @OptionGroup
    var simulator: SimulatorOptions

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
    }

    func run() async throws {
        var logger = Logger(label: "llmload.simulate")
        logger.logLevel = .info
        ProcessLimits.raiseOpenFileLimit()
        let host = host
        let application = Simulator.makeApplication(
            simulator.configuration, host: host, port: port, logger: logger,
            onServerRunning: { port in StandardError.write("simulator listening on http://\(host):\(port)\n") }
        )
        let group = ServiceGroup(
            configuration: .init(services: [application], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        )
        try await group.run()
    }
}
