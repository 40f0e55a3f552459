import Foundation
import LLMLoadCore
import Testing

@testable import LLMLoadReport

@Suite struct ResponsesWriterTests {
    @Test func awkwardTextReadsBackIdentical() throws {
        let fixture = ReportFolderFixture()
        defer { fixture.remove() }
        try FileManager.default.createDirectory(at: fixture.url, withIntermediateDirectories: true)
        let writer = ResponsesWriter(folder: RunFolder(url: fixture.url), origin: fixture.origin)
        let prompt = "请回答：\"a, b\"\nline 2"
        writer.append(fixture.record(0), prompt: prompt)
        writer.append(fixture.record(1, outcome: .timeout), prompt: "second")
        writer.close()
        #expect(writer.failures.isEmpty)
        let lines = try String(contentsOf: fixture.url.appendingPathComponent("responses.jsonl"), encoding: .utf8)
            .split(separator: "\n")
        #expect(lines.count == 2)
        let first = try JSONDecoder().decode(ResponseEntry.self, from: Data(lines[0].utf8))
        #expect(first.prompt == prompt)
        #expect(first.response == ReportFolderFixture.awkwardAnswer)
        #expect(first.ttftMs == 100)
        #expect(first.e2eMs == 400)
        #expect(first.outputTokens == 3)
        let second = try JSONDecoder().decode(ResponseEntry.self, from: Data(lines[1].utf8))
        #expect(second.outcome == "timeout")
        #expect(second.error == "boom <b>bold</b>")
        #expect(second.scheduledS == 0.05)
        let text = try String(contentsOf: fixture.url.appendingPathComponent("responses.txt"), encoding: .utf8)
        #expect(text.contains("#0 ok HTTP 200 · scheduled +0.000 s · TTFT 100.0 ms · E2E 400.0 ms"))
        #expect(text.contains("--- prompt\n" + prompt + "\n--- response\n" + ReportFolderFixture.awkwardAnswer))
        #expect(text.contains("#1 timeout HTTP 200"))
        #expect(text.contains("--- error\nboom <b>bold</b>"))
    }

    /// The block as the writer built it with string interpolation before it wrote bytes.
    static func formerReadable(_ e: ResponseEntry) -> String {
        var header = "#\(e.index) \(e.outcome)"
        if e.phase == "warmup" { header += " (warm-up)" }
        if let status = e.httpStatus { header += " HTTP \(status)" }
        header += " · scheduled +\(DecimalText.format(e.scheduledS, places: 3) ?? "–") s"
        if let ttft = e.ttftMs { header += " · TTFT \(DecimalText.format(ttft, places: 1) ?? "–") ms" }
        if let e2e = e.e2eMs { header += " · E2E \(DecimalText.format(e2e, places: 1) ?? "–") ms" }
        if let tokens = e.outputTokens { header += " · \(tokens) tokens (\(e.outputTokensSource ?? "?"))" }
        if let reason = e.finishReason { header += " · \(reason)" }
        func cut(_ bytes: Int?) -> String { bytes.map { "… [truncated: \($0) more bytes]" } ?? "" }
        var block = header + "\n--- prompt\n" + e.prompt + "\n"
        if !e.reasoning.isEmpty { block += "--- reasoning\n" + e.reasoning + cut(e.reasoningTruncatedBytes) + "\n" }
        if let error = e.error { block += "--- error\n" + error + "\n" }
        if !e.response.isEmpty || e.error == nil {
            block += "--- response\n" + e.response + cut(e.responseTruncatedBytes) + "\n"
        }
        return block + String(repeating: "=", count: 72) + "\n"
    }

    @Test func readableTextIsWhatItWasBefore() {
        var generator = SplitMix64(seed: 5)
        var differences = 0
        for i in 0..<1_000 {
            var entry = ResponseEntryJSONTests.entry(i, generator: &generator)
            if i % 3 == 0 { entry.phase = "warmup" }
            if i % 7 == 0 { entry.reasoning = "" }
            if i % 11 == 0 { entry.scheduledS = .nan }
            if ResponsesWriter.readable(entry) != Self.formerReadable(entry) { differences += 1 }
        }
        #expect(differences == 0)
    }

    /// Text cut at a cap says so in both files; the error is cut after redaction, with its mark.
    @Test func truncatedTextIsMarkedInBothFiles() throws {
        let fixture = ReportFolderFixture()
        defer { fixture.remove() }
        try FileManager.default.createDirectory(at: fixture.url, withIntermediateDirectories: true)
        let writer = ResponsesWriter(folder: RunFolder(url: fixture.url), origin: fixture.origin)
        var cut = fixture.record(0)
        cut.reasoningText = "thought"
        cut.responseTextTruncatedBytes = 1_234
        cut.reasoningTextTruncatedBytes = 56
        var failed = fixture.record(1, outcome: .httpError)
        failed.errorMessage = "HTTP 500: " + String(repeating: "é", count: 3_000)
        failed.redactForOutputs(SecretRedactor(secrets: []))
        writer.append(cut, prompt: "p")
        writer.append(failed, prompt: "p")
        writer.append(fixture.record(2), prompt: "p")
        writer.close()
        let lines = try String(contentsOf: fixture.url.appendingPathComponent("responses.jsonl"), encoding: .utf8)
            .split(separator: "\n")
        #expect(lines[0].contains(#""reasoning_truncated_bytes":56"#))
        #expect(lines[0].contains(#""response_truncated_bytes":1234"#))
        #expect(!lines[2].contains("truncated"), "absent when nothing was cut")
        let error = try #require(try JSONDecoder().decode(ResponseEntry.self, from: Data(lines[1].utf8)).error)
        #expect(error.hasSuffix("é… [truncated]"))
        #expect(error.utf8.count <= ResponseLimits.shownErrorTextBytes + "… [truncated]".utf8.count)
        let text = try String(contentsOf: fixture.url.appendingPathComponent("responses.txt"), encoding: .utf8)
        #expect(text.contains("--- reasoning\nthought… [truncated: 56 more bytes]\n"))
        #expect(text.contains(ReportFolderFixture.awkwardAnswer + "… [truncated: 1234 more bytes]\n"))
        #expect(text.contains("é… [truncated]\n"))
    }

    @Test func oneFileFailingLeavesTheOther() throws {
        let fixture = ReportFolderFixture()
        defer { fixture.remove() }
        // A folder where responses.txt should go: that file cannot be created.
        try FileManager.default.createDirectory(
            at: fixture.url.appendingPathComponent("responses.txt"), withIntermediateDirectories: true)
        let writer = ResponsesWriter(folder: RunFolder(url: fixture.url), origin: fixture.origin)
        writer.append(fixture.record(0), prompt: "p")
        writer.close()
        #expect(writer.failures.count == 1)
        #expect(writer.failures.first?.contains("responses.txt") == true)
        let jsonl = try String(contentsOf: fixture.url.appendingPathComponent("responses.jsonl"), encoding: .utf8)
        #expect(jsonl.split(separator: "\n").count == 1)
    }
}

@Suite struct HostFactsTests {
    @Test func readsOSReleaseAndCPUInfo() {
        #expect(
            HostFacts.prettyName("NAME=Debian\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n")
                == "Debian GNU/Linux 12 (bookworm)")
        #expect(HostFacts.prettyName("NAME=x\n") == nil)
        let cpuinfo = "processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC 7B13 64-Core Processor\n"
        #expect(HostFacts.cpuModel(cpuinfo) == "AMD EPYC 7B13 64-Core Processor")
        #expect(
            HostFacts.cpuModel("Hardware\t: BCM2835\nModel\t\t: Raspberry Pi 4 Model B Rev 1.4\n")
                == "Raspberry Pi 4 Model B Rev 1.4")
    }

    @Test func configurationFileNeverHoldsTheKey() throws {
        var configuration = RunConfiguration(
            target: .init(baseURL: "http://127.0.0.1:1", apiKey: "sk-very-secret"),
            load: .init(profile: .constant(ratePerSecond: 1), duration: .seconds(1)))
        configuration.requests.prompts = .given(.init(origin: .fixed("hi")))
        let file = RunDescription(
            configuration: configuration, api: "openai-chat", model: "m", serverVersion: nil,
            toolVersion: "0.1.0", commandLine: ["llmload", "run", "--api-key", "sk-very-secret"],
            outputFolder: "/tmp/x",
            host: HostFacts.current()
        )
        let text = String(decoding: try file.encoded(), as: UTF8.self)
        #expect(!text.contains("sk-very-secret"))
        #expect(text.contains("\"api_key_given\" : true"))
        #expect(text.contains("[redacted]"))
        #expect(try RunDescription.decode(file.encoded()) == file)
    }
}
