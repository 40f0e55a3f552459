import ArgumentParser
import LLMLoadRunner

/// The `llmload` command tree.
public struct LLMLoadCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "llmload",
        abstract: "Load and performance testing for LLM inference servers.",
        discussion: """
            Measures how fast a server answers under a chosen load (time to first token, \
            end-to-end latency, tokens/s), what fails, and writes every figure to a run folder.

            Examples:
              llmload run --simulate --qps 20 --duration 10
              llmload run --url http://localhost:11434 --model deepseek-r1:1.5b --qps 10 --duration 300
              llmload simulate --port 11434 --ttft-ms 200 --itl-ms 20 --output-tokens 128
              llmload sweep --url http://localhost:8000/v1 --find max-rate --slo ttft=2s,e2e=30s --duration 60
              llmload report results/20261130-101500-qwen2.5_7b --lang zh
              llmload compare results/before results/after --fail-if-worse "ttft.p99=10%"
              llmload merge results/shard-*/* --output results/merged   (shards of run --shard i/N)
              llmload run -f examples/ollama.yaml --duration 60   (options from a file; flags override it)
            """,
        // The version config.json and summary.json record, so `--version` cannot disagree with them.
        version: LoadRun.toolVersion,
        subcommands: [
            RunCommand.self, SweepCommand.self, CompareCommand.self, SimulateCommand.self, ReportCommand.self,
            MergeCommand.self,
        ]
    )

    public init() {}

    /// Expands a scenario file (`run -f scenario.yaml`) into options, then runs the command.
    public static func main() async {
        do {
            await main(try ScenarioFile.expand(Array(CommandLine.arguments.dropFirst())))
        } catch {
            exit(withError: error)
        }
    }
}
