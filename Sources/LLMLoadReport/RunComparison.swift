import Foundation
import LLMLoadCore
import LLMLoadMetrics

/// Two or more runs compared with the first (A): what differs in how they were run, then every
/// figure side by side with its change, and for percentiles of per-request metrics a bootstrap
/// confidence interval of the change. The console table, `compare.html` and `--fail-if-worse`
/// all read this one value.
public struct RunComparison: Sendable {
    /// The runs in the order given; the first is the baseline.
    public var runs: [ComparedRun]
    /// The settings that are not the same in every run, in ``settings`` order.
    public var differences: [SettingDifference]
    public var figures: [ComparedFigure]
    /// The interval's coverage (0.95) and resamples, as used.
    public var bootstrap: PercentileBootstrap

    public init(runs: [ComparedRun], bootstrap: PercentileBootstrap = PercentileBootstrap()) {
        precondition(runs.count >= 2, "a comparison needs two runs")
        self.runs = runs
        self.bootstrap = bootstrap
        let descriptions = runs.map(\.summary.runDescription)
        differences = Self.settings.compactMap { setting in
            let values = descriptions.map(setting.value)
            return Set(values).count > 1
                ? SettingDifference(key: setting.key, title: setting.title, values: values) : nil
        }
        // A figure no run has (TPOT of runs without streaming) would be a row of dashes.
        figures = Self.figures(runs, bootstrap: bootstrap).filter { $0.values.contains { $0 != nil } }
    }

    /// The figure named `key` (`ttft.p99`), if the comparison has it.
    public func figure(_ key: String) -> ComparedFigure? { figures.first { $0.key == key } }

    /// `A`, `B`, … `Z`, then `R27`, `R28`, …: how the outputs name the run at `index`.
    public static func label(_ index: Int) -> String {
        index < 26 ? String(UnicodeScalar(UInt8(ascii: "A") + UInt8(index))) : "R\(index + 1)"
    }
}

/// A setting that was not the same in every run.
public struct SettingDifference: Sendable, Equatable {
    public var key: String
    public var title: Title
    /// One per run, as the outputs write it.
    public var values: [String]

    /// The setting's name, English and Chinese.
    public struct Title: Sendable, Equatable {
        public var en: String
        public var zh: String
    }

    func title(_ language: ReportLanguage) -> String { language == .zh ? title.zh : title.en }
}

extension RunComparison {
    /// One setting read from a run's description.
    struct Setting: Sendable {
        var key: String
        var title: SettingDifference.Title
        var value: @Sendable (RunDescription) -> String

        init(_ key: String, _ en: String, _ zh: String, _ value: @escaping @Sendable (RunDescription) -> String) {
            self.key = key
            title = SettingDifference.Title(en: en, zh: zh)
            self.value = value
        }
    }

    /// Every setting compared, in the order the differences are listed: what was asked of
    /// which server first, then the load, then the tool and the machine.
    static let settings: [Setting] = [
        Setting("model", "Model", "模型") { $0.target.model },
        Setting("api", "API", "API") { $0.target.api },
        Setting("target", "Target", "目标") { $0.target.url + ($0.target.simulated ? " (simulated)" : "") },
        Setting("server_version", "Server version", "服务器版本") { $0.target.serverVersion ?? FigureText.dash },
        Setting("input_tokens", "Input tokens (--input-tokens)", "输入 token（--input-tokens）") {
            $0.requests.inputTokens ?? FigureText.dash
        },
        Setting("prompts", "Prompts", "提示词") { d in
            d.load.trace.map { "trace \($0.file)" } ?? d.requests.promptFile ?? d.requests.template
                ?? d.requests.prompt.map { "\"\($0)\"" } ?? "built-in"
        },
        Setting("shared_prefix", "Shared prefix tokens", "共享前缀 token") { text($0.requests.sharedPrefixTokens) },
        Setting("max_tokens", "Max tokens", "最大输出 token") { text($0.requests.maxTokens) },
        Setting("ignore_eos", "Ignore EOS", "忽略 EOS") { String($0.requests.ignoreEos) },
        Setting("stream", "Streaming", "流式") { String($0.requests.stream) },
        Setting("temperature", "Temperature", "温度") { text($0.requests.temperature) },
        Setting("num_ctx", "Ollama num_ctx", "Ollama num_ctx") { text($0.requests.numCtx) },
        Setting("load", "Load profile", "负载模式") { $0.load.pattern },
        Setting("duration", "Duration (s)", "时长（秒）") { FigureText.number($0.load.durationS, 1) },
        Setting("max_requests", "Max requests", "最大请求数") { text($0.load.maxRequests) },
        Setting("warmup", "Warm-up", "预热") { d in
            d.load.warmupS.map { FigureText.number($0, 1) + " s" } ?? d.load.warmupRequests.map { "\($0) requests" }
                ?? FigureText.dash
        },
        Setting("objectives", "Goodput bounds (--slo)", "goodput 界限（--slo）") { FigureText.bounds($0.objectives) },
        Setting("tool_version", "llmload version", "llmload 版本") { $0.tool.version },
        Setting("host", "Host", "主机") { $0.host.hostname },
        Setting("cpu", "CPU", "CPU") { d in (d.host.cpuModel ?? FigureText.dash) + " × \(d.host.cpuCount)" },
        Setting("gpus", "GPUs", "GPU") {
            $0.host.gpus.isEmpty ? FigureText.dash : $0.host.gpus.joined(separator: ", ")
        },
        Setting("command_line", "Command line", "命令行") { $0.commandLine.joined(separator: " ") },
    ]

    private static func text<Value>(_ value: Value?) -> String { value.map { "\($0)" } ?? FigureText.dash }
}
