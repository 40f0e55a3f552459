import ArgumentParser
import LLMLoadCore
import Testing

@testable import LLMLoadCLI

/// The resource monitor's flags, parsed only (STYLE T7).
@Suite struct MonitorOptionsTests {
    private func monitor(_ arguments: [String]) throws -> RunConfiguration.Monitor {
        try RunCommand.parse(["--simulate"] + arguments).makeConfiguration(baseURL: "http://127.0.0.1:1").monitor
    }

    private func validationMessage(_ arguments: [String]) -> String? {
        do {
            _ = try RunCommand.parse(["--simulate"] + arguments)
            return nil
        } catch {
            return RunCommand.message(for: error)
        }
    }

    @Test func defaultsSampleEverySecondAndEveryGPU() throws {
        #expect(try monitor([]) == RunConfiguration.Monitor(sampleInterval: .seconds(1), process: nil, gpus: .all))
    }

    @Test func serverMetricsAreAutoByDefaultAndTakeOffOrAURL() throws {
        #expect(try monitor([]).serverMetrics == .auto)
        #expect(try monitor(["--server-metrics", "off"]).serverMetrics == .off)
        #expect(
            try monitor(["--server-metrics", "http://gpu:8000/metrics"]).serverMetrics
                == .url("http://gpu:8000/metrics"))
        #expect(validationMessage(["--server-metrics", "sometimes"]) != nil)
        // Credentials would end up in summary.json and the report, as the target's would.
        #expect(validationMessage(["--server-metrics", "http://user:secret@gpu:9090/metrics"]) != nil)
        #expect(validationMessage(["--server-metrics", "http:///metrics"]) != nil)
        #expect(
            try monitor(["--server-metrics", "http://prom:9090/federate?match[]=up"]).serverMetrics
                == .url("http://prom:9090/federate?match[]=up"), "a Prometheus query stays")
    }

    @Test func readsEveryFlag() throws {
        let configuration = try monitor([
            "--sample-interval", "250ms", "--monitor-process", "llama-server", "--gpu", "0,1",
        ])
        #expect(configuration.sampleInterval == .milliseconds(250))
        #expect(configuration.process == .name("llama-server"))
        #expect(configuration.gpus == .indices([0, 1]))
        #expect(try monitor(["--monitor-pid", "123", "--gpu", "none"]).process == .pid(123))
        #expect(try monitor(["--gpu", "none"]).gpus == RunConfiguration.GPUSelection.none)
    }

    @Test func refusesBadValues() {
        #expect(validationMessage(["--sample-interval", "50ms"])?.contains("at least 100ms") == true)
        #expect(validationMessage(["--monitor-pid", "1", "--monitor-process", "x"])?.contains("exclude") == true)
        #expect(validationMessage(["--gpu", "first"]) != nil)
        #expect(validationMessage(["--gpu", "0,-1"]) != nil)
        #expect(validationMessage(["--monitor-pid", "0"])?.contains("positive") == true)
    }
}
