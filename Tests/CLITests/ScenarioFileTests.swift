import Foundation
import LLMLoadCore
import LLMLoadTestSupport
import Testing

@testable import LLMLoadCLI

@Suite struct ScenarioFileTests {
    func scenario(_ yaml: String) throws -> String {
        let url = try TemporaryFolders.make(prefix: "llmload-scenario").appendingPathComponent("scenario.yaml")
        try Data(yaml.utf8).write(to: url)
        return url.path
    }

    /// Everything a configuration holds, as text, to compare two configurations whole.
    func text(_ configuration: RunConfiguration) -> String {
        var out = ""
        dump(configuration, to: &out)
        return out
    }

    @Test func aScenarioFileMakesTheSameRunAsTheFlags() throws {
        let path = try scenario(
            """
            url: http://127.0.0.1:11434/api/chat
            model: "qwen2.5:7b"
            qps: 12.5
            duration: 2m
            warmup_requests: 5
            max-tokens: 256
            stop: ["\\n\\n", "###"]
            no-stream: true
            ignore-eos: false
            slo: ttft=500ms,e2e=10s
            template: "请回答以下问题：{question}"
            """)
        let fromFile = try ScenarioFile.expand(["run", "-f", path])
        let flags = [
            "--url", "http://127.0.0.1:11434/api/chat", "--model", "qwen2.5:7b", "--qps", "12.5", "--duration", "2m",
            "--warmup-requests", "5", "--max-tokens", "256", "--stop", "\n\n", "--stop", "###", "--no-stream",
            "--slo", "ttft=500ms,e2e=10s", "--template", "请回答以下问题：{question}",
        ]
        #expect(fromFile == ["run"] + flags)
        let a = try RunCommand.parse(Array(fromFile.dropFirst())).makeConfiguration(baseURL: nil)
        let b = try RunCommand.parse(flags).makeConfiguration(baseURL: nil)
        #expect(text(a) == text(b))
        #expect(a.requests.stop == ["\n\n", "###"])
        #expect(a.requests.isStreaming == false)
    }

    @Test func theCommandLineOverridesTheFile() throws {
        let path = try scenario("qps: 5\nduration: 10s\nlabel: from-file\n")
        let arguments = try ScenarioFile.expand(["run", "--qps", "50", "--file", path, "--label", "cli"])
        let configuration = try RunCommand.parse(Array(arguments.dropFirst())).makeConfiguration(baseURL: "http://h")
        #expect(configuration.load.profile.peakRatePerSecond == 50)
        #expect(configuration.load.duration == .seconds(10))
        #expect(configuration.output.label == "cli")
    }

    @Test func withoutAFileTheArgumentsAreUntouched() throws {
        #expect(try ScenarioFile.expand(["run", "--qps", "5"]) == ["run", "--qps", "5"])
        #expect(try ScenarioFile.expand(["report", "-f", "x"]) == ["report", "-f", "x"])
    }

    @Test func badFilesAreClearErrors() throws {
        #expect(throws: (any Error).self) { try ScenarioFile.expand(["run", "-f", "/nonexistent/s.yaml"]) }
        #expect(throws: (any Error).self) { try ScenarioFile.expand(["run", "-f", try scenario("- a\n- b\n")]) }
        #expect(throws: (any Error).self) { try ScenarioFile.expand(["run", "-f", try scenario("qps: {a: 1}\n")]) }
        #expect(throws: (any Error).self) { try ScenarioFile.expand(["run", "-f"]) }
    }

    @Test(arguments: ["ollama.yaml", "openai-vllm.yaml", "llamacpp.yaml", "simulator.yaml"])
    func everyExampleParses(name: String) throws {
        let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "../../examples")
        let arguments = try ScenarioFile.expand(["run", "-f", examples.appendingPathComponent(name).path])
        let command = try RunCommand.parse(Array(arguments.dropFirst()))
        _ = try command.makeConfiguration(baseURL: "http://127.0.0.1:1")
        #expect(arguments.count > 6)
    }

    /// The message of the error `body` throws, or "" if it throws none.
    func message(_ body: () throws -> Any) -> String {
        do {
            _ = try body()
            return ""
        } catch {
            return "\(error)"
        }
    }

    @Test func falseTurnsOffAFlagThatIsOnByDefault() throws {
        let arguments = try ScenarioFile.expand(["run", "-f", try scenario("unique-prompts: false\n")])
        #expect(arguments == ["run", "--no-unique-prompts"])
        let configuration = try RunCommand.parse(Array(arguments.dropFirst())).makeConfiguration(baseURL: "http://h")
        #expect(configuration.requests.isUniquePrefix == false)
        #expect(
            try ScenarioFile.expand(["run", "-f", try scenario("unique_prompts: yes\n")]) == [
                "run", "--unique-prompts",
            ])
        #expect(try ScenarioFile.expand(["run", "-f", try scenario("ignore-eos: off\n")]) == ["run"])
    }

    @Test func quotedStringsStayStrings() throws {
        let path = try scenario(
            """
            prompt: "No"
            stop: ["no", 'off']
            keep-alive: "off"
            label: 'on'
            """)
        let arguments = try ScenarioFile.expand(["run", "-f", path])
        #expect(
            arguments == [
                "run", "--prompt", "No", "--stop", "no", "--stop", "off", "--keep-alive", "off", "--label", "on",
            ])
        let configuration = try RunCommand.parse(Array(arguments.dropFirst())).makeConfiguration(baseURL: "http://h")
        #expect(configuration.requests.prompts == .given(.init(origin: .fixed("No"))))
        #expect(configuration.requests.stop == ["no", "off"])
        #expect(configuration.requests.keepAlive == "off")
        #expect(configuration.output.label == "on")
    }

    @Test func aBooleanForAValueOptionIsAnErrorNamingTheKey() throws {
        for yaml in ["label: on\n", "prompt: no\n", "keep-alive: true\n", "stop: [yes]\n"] {
            let text = message { try ScenarioFile.expand(["run", "-f", try self.scenario(yaml)]) }
            let key = String(yaml.prefix { $0 != ":" })
            #expect(text.contains(key) && text.contains("quote"), "\(yaml): \(text)")
        }
    }

    @Test func aValueForAFlagOrAnUnknownKeyIsAnError() throws {
        let forFlag = message { try ScenarioFile.expand(["run", "-f", try self.scenario("no-stream: \"true\"\n")]) }
        #expect(forFlag.contains("no-stream") && forFlag.contains("true or false"))
        let unknown = message { try ScenarioFile.expand(["run", "-f", try self.scenario("qpss: 5\n")]) }
        #expect(unknown.contains("qpss is not an option"))
    }
}
