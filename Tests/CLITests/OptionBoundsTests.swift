import ArgumentParser
import Testing

@testable import LLMLoadCLI

/// Absurd numbers are clear errors at parse time, before any run folder exists, never a trap.
@Suite struct OptionBoundsTests {
    /// The validation message for `arguments`, or `nil` if they parse.
    func message(_ arguments: [String]) -> String? {
        do {
            _ = try RunCommand.parse(arguments)
            return nil
        } catch {
            return RunCommand.message(for: error)
        }
    }

    @Test(arguments: [
        (["--qps", "1e19"], "--qps"),
        (["--ramp", "1-1e17/10s"], "--ramp's rate"),
        (["--ramp", "1-10/1000000000s"], "--ramp"),
        (
            ["--qps", "0.000001", "--warmup-requests", "100000"],
            "--warmup-requests 100000 would take longer than 30 days"
        ),
        (["--ramp", "0.000001-0.000001/1s", "--warmup-requests", "100000"], "--warmup-requests"),
        (["--input-tokens", "normal:4611686018427387904,1"], "--input-tokens"),
        (["--input-tokens", "normal:1000,4611686018427387904"], "--input-tokens"),
        (["--input-tokens", "1-9223372036854775807"], "--input-tokens"),
        (["--input-tokens", "normal:9000000,500000"], "over 10000000 tokens"),
        (["--concurrency", "1000000000"], "--concurrency 1000000000 is above the largest accepted, 100000"),
        (["--concurrency", "8", "--think-time", "8000h"], "--think-time is longer than"),
        (["--requests", "9223372036854775807"], "--requests"),
        (["--warmup-requests", "9223372036854775807"], "--warmup-requests"),
        (["--max-tokens", "9223372036854775807"], "--max-tokens"),
        (["--duration", "100000h"], "--duration is longer than the largest accepted, 30 days"),
        (["--timeout", "800h"], "--timeout"),
        (["--drain-timeout", "800h"], "--drain-timeout"),
        (["--term-grace", "800h"], "--term-grace"),
        (["--input-tokens", "2048", "--num-ctx", "99999999"], "--num-ctx"),
    ])
    func absurdNumbersAreClearErrors(arguments: [String], expected: String) {
        let text = message(arguments)
        #expect(text != nil, "accepted: \(arguments)")
        #expect(text?.contains(expected) == true, "got: \(text ?? "no error")")
    }

    @Test func theLargestAcceptedValuesStillParse() throws {
        _ = try RunCommand.parse(["--qps", "1000000", "--duration", "720h", "--max-tokens", "10000000"])
        _ = try RunCommand.parse(["--concurrency", "100000"])
        _ = try RunCommand.parse(["--input-tokens", "normal:6000000,1000000"])
    }

    @Test func theSimulatorRefusesDelaysThatOverflow() {
        #expect(throws: (any Error).self) { try SimulatorOptions.parse(["--ttft-ms", "1e13"]) }
        #expect(throws: (any Error).self) { try SimulatorOptions.parse(["--itl-ms", "1e13"]) }
        #expect(throws: Never.self) { try SimulatorOptions.parse(["--ttft-ms", "60000"]) }
    }
}
