import ArgumentParser
import Foundation
import LLMLoadCore

/// The resource monitor's flags of `llmload run`.
struct MonitorOptions: ParsableArguments {
    @Option(help: "How often to sample CPU, memory, the watched process and GPUs (at least 100ms).")
    var sampleInterval: DurationArgument = .init(.seconds(1))

    @Option(help: "Also sample this process's CPU and resident memory (the server under test).")
    var monitorPid: Int32?

    @Option(
        help: ArgumentHelp(
            "Also sample the process with this name, such as llama-server or ollama.",
            discussion: "Matched against the process name, then the command's file name; of several, the largest."
        )
    )
    var monitorProcess: String?

    @Option(
        help: ArgumentHelp(
            "GPUs to sample through NVML: all, none, or indices such as 0,1.",
            discussion: "NVML is loaded from $LLMLOAD_NVML_PATH, else libnvidia-ml.so.1."
        )
    )
    var gpu: GPUArgument = .init(.all)

    @Option(
        help: ArgumentHelp(
            "The server's own metrics, scraped every --sample-interval: auto, off, or a Prometheus URL.",
            discussion:
                "auto reads the target's /metrics (vLLM, llama.cpp with --metrics, SGLang, TGI), or Ollama's /api/ps."
        )
    )
    var serverMetrics: ServerMetricsArgument = .init(.auto)

    func validate() throws {
        guard sampleInterval.duration >= RunConfiguration.Monitor.minimumSampleInterval else {
            throw ValidationError("--sample-interval must be at least 100ms")
        }
        if monitorPid != nil && monitorProcess != nil {
            throw ValidationError("--monitor-pid and --monitor-process exclude each other")
        }
        if let monitorPid, monitorPid < 1 { throw ValidationError("--monitor-pid must be a positive process id") }
        if let monitorProcess, monitorProcess.isEmpty { throw ValidationError("--monitor-process must not be empty") }
    }

    var configuration: RunConfiguration.Monitor {
        RunConfiguration.Monitor(
            sampleInterval: sampleInterval.duration,
            process: monitorPid.map { .pid($0) } ?? monitorProcess.map { .name($0) },
            gpus: gpu.selection, serverMetrics: serverMetrics.source
        )
    }
}

/// `--gpu`: `all`, `none`, or comma-separated NVML indices.
struct GPUArgument: ExpressibleByArgument, Sendable, Equatable {
    var selection: RunConfiguration.GPUSelection

    init(_ selection: RunConfiguration.GPUSelection) {
        self.selection = selection
    }

    init?(argument: String) {
        switch argument.lowercased() {
        case "all": selection = .all
        case "none": selection = .none
        default:
            let indices = argument.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard !indices.isEmpty, indices.allSatisfy({ ($0 ?? -1) >= 0 }) else { return nil }
            selection = .indices(indices.compactMap { $0 })
        }
    }

    var defaultValueDescription: String { "all" }
}

/// `--server-metrics`: `auto`, `off`, or an `http(s)://` URL of a Prometheus page.
struct ServerMetricsArgument: ExpressibleByArgument, Sendable, Equatable {
    var source: RunConfiguration.ServerMetricsSource

    init(_ source: RunConfiguration.ServerMetricsSource) {
        self.source = source
    }

    init?(argument: String) {
        switch argument.lowercased() {
        case "auto": source = .auto
        case "off": source = .off
        default:
            // The target's own URL checks: an http(s) URL with a host and no credentials.
            guard (try? TargetURL.checkPlain(argument)) != nil else { return nil }
            source = .url(argument)
        }
    }

    var defaultValueDescription: String { "auto" }
}
