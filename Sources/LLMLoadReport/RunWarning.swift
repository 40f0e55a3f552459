import LLMLoadCore
import LLMLoadMetrics

/// Something a reader must know before trusting a run's figures, found in its ``RunSummary``.
/// The console and `report.html` show the same list, each in its language.
public enum RunWarning: Sendable, Equatable {
    /// The schedule lag P99 above which the client is said to have fallen behind (ms); the
    /// report's schedule-lag chart draws it.
    public static let scheduleLagBoundMs = 10.0

    /// The client's own event loops ran late over the measured window (loop-delay P99 above
    /// the bound): its instants were late, so its latency figures are not reliable. `seconds`:
    /// saturated seconds; `fromRatePerS`: the offered rate at which it first was.
    case clientSaturated(delayP99Ms: Double, boundMs: Double, fromRatePerS: Double?, seconds: Int)
    /// The client's loops ran late over the measured window while it used under
    /// ``RunSummary/Client/ownWorkCoresBound`` cores of its own: its latency figures are not
    /// reliable, but the load did not cause it. Other work on the machine, or a virtual machine's
    /// host (`stealPercent`), kept it off the CPU; on such a machine even 1 req/s is delayed.
    case clientDelayed(delayP99Ms: Double, boundMs: Double, seconds: Int, cores: Double, stealPercent: Double?)
    /// At least 10 % of the measured seconds were client-saturated, though not the window as a whole.
    case clientSaturatedSeconds(count: Int, fromRatePerS: Double?)
    /// The client's loops ran late while it used under ``RunSummary/Client/ownWorkCoresBound``
    /// cores of its own: other work on the machine, or a virtual machine's host (`stealPercent`),
    /// kept it off the CPU, and fewer requests a second would not help.
    case clientKeptOffCPU(cores: Double, stealPercent: Double?)
    /// The client was saturated while the machine's CPUs were nearly all busy: the delay may
    /// come from the server or other work on the same machine, not from the load's rate.
    case machineCPUBusy(percent: Double)
    /// The client sent requests late (schedule lag P99 above ``scheduleLagBoundMs``).
    case fellBehindSchedule(lagP99Ms: Double)
    /// Requests went out slower than the rate asked for.
    case sentBelowOffered(sentPerS: Double, offeredPerS: Double)
    /// At least 5 % of the measured requests timed out.
    case manyTimeouts(rate: Double)
    /// The drain ended with requests still running; they were cancelled.
    case drainCancelled(count: Int)
    /// Output token counts were (partly) estimated from chunks.
    case estimatedTokens
    /// Responses that stopped at the output-token limit (finish reason `length`).
    case cutByLength(count: Int, share: Double)
    /// Prompts the server counted shorter than their `--input-tokens` target by more than the
    /// tolerance: it cut them (Ollama at its context window). `first`: some of their indexes.
    case promptsShorterThanAsked(count: Int, requests: Int, first: [Int])
    /// Prompts the server counted longer than their target by more than the tolerance.
    case promptsLongerThanAsked(count: Int, requests: Int)
    /// Requests waited in the client for a slot under `--max-in-flight` (client queue P99 of
    /// 1 ms or more): the load asked for more than the cap carries.
    case waitedForSlot(queueP99Ms: Double, maxInFlight: Int)

    /// The warnings that apply to `s`, most serious first.
    public static func detect(in s: RunSummary) -> [RunWarning] {
        var warnings: [RunWarning] = []
        if let client = s.client {
            let warmup = Set(s.timeseries.filter(\.isWarmup).map(\.second))
            let measured = client.saturatedSeconds.filter { !warmup.contains($0) }
            // A second in which three probes of two hundred ran a few ms late (a first
            // connection, a flush) shows in timeseries.csv; a warning needs 10 % of the seconds.
            let isWarnedBySeconds = !measured.isEmpty && measured.count * 10 >= s.timeseries.count - warmup.count
            let p99 = client.eventLoopDelayMs?.p99 ?? 0
            if client.saturated, let cores = client.keptOffCPUCores {
                // Not the load's doing: the banner says what was, and "fewer requests" is no advice.
                warnings.append(
                    .clientDelayed(
                        delayP99Ms: p99, boundMs: client.saturationBoundMs, seconds: client.saturatedSeconds.count,
                        cores: cores, stealPercent: client.machineStealPercent))
            } else if client.saturated {
                warnings.append(
                    .clientSaturated(
                        delayP99Ms: p99, boundMs: client.saturationBoundMs,
                        fromRatePerS: client.saturatedFromRatePerS, seconds: client.saturatedSeconds.count))
            } else if isWarnedBySeconds {
                warnings.append(
                    .clientSaturatedSeconds(count: measured.count, fromRatePerS: client.saturatedFromRatePerS))
            }
            // Why it was late: the client's own CPU (a saturated run's banner says it), then the machine's.
            if isWarnedBySeconds, !client.saturated, let cores = client.keptOffCPUCores {
                warnings.append(.clientKeptOffCPU(cores: cores, stealPercent: client.machineStealPercent))
            }
            if client.saturated || isWarnedBySeconds, let cpu = s.resources?.measured.cpuPercent?.mean, cpu >= 90 {
                warnings.append(.machineCPUBusy(percent: cpu))
            }
        }
        if let queue = s.latency[.clientQueueTime], queue.p99 >= 1, let cap = s.runDescription.load.maxInFlight {
            warnings.append(.waitedForSlot(queueP99Ms: queue.p99, maxInFlight: cap))
        }
        if let lag = s.latency[.scheduleLag], lag.p99 > scheduleLagBoundMs {
            warnings.append(.fellBehindSchedule(lagP99Ms: lag.p99))
        }
        // A closed loop offers no rate: it sends as fast as the server answers.
        if let sent = s.throughput.sentPerS, let offered = s.runDescription.load.offeredRatePerS, sent < offered * 0.95,
            s.requests.total > 10
        {
            warnings.append(.sentBelowOffered(sentPerS: sent, offeredPerS: offered))
        }
        if s.requests.total > 0, let rate = s.requests.timeoutRate, rate >= 0.05 {
            warnings.append(.manyTimeouts(rate: rate))
        }
        if s.run.drainCancelledInFlight, let cancelled = s.requests.byOutcome["cancelled"], cancelled > 0 {
            warnings.append(.drainCancelled(count: cancelled))
        }
        if s.tokens.outputSource == "estimated" || s.tokens.outputSource == "mixed" {
            warnings.append(.estimatedTokens)
        }
        if let cut = s.requests.finishReasons["length"], cut > 0, s.requests.total > 0 {
            warnings.append(.cutByLength(count: cut, share: Double(cut) / Double(s.requests.total)))
        }
        if let input = s.inputTokens, input.shorterThanTarget > 0 {
            warnings.append(
                .promptsShorterThanAsked(
                    count: input.shorterThanTarget, requests: input.serverCounted,
                    first: Array(input.shortRequestIndexes.prefix(5))))
        }
        if let input = s.inputTokens, input.longerThanTarget > 0 {
            warnings.append(.promptsLongerThanAsked(count: input.longerThanTarget, requests: input.serverCounted))
        }
        return warnings
    }

    /// The warning as a sentence in `language`.
    public func text(_ language: ReportLanguage) -> String {
        let zh = language == .zh
        switch self {
        case .clientSaturated(let p99, let bound, let rate, let seconds):
            return Self.saturationText(p99: p99, bound: bound, rate: rate, seconds: seconds, zh: zh)
        case .clientDelayed(let p99, let bound, let seconds, let cores, let steal):
            return Self.delayText(p99: p99, bound: bound, seconds: seconds, cores: cores, steal: steal, zh: zh)
        case .clientSaturatedSeconds(let count, let rate):
            let from = rate.map {
                zh
                    ? "（自每秒约 \(FigureText.number($0, 0)) 个计划请求起）"
                    : " (from about \(FigureText.number($0, 0)) req/s offered)"
            }
            return zh
                ? "客户端在 \(count) 秒内自身饱和\(from ?? "")：这些秒内完成的请求的延迟不可靠（见 timeseries.csv 的 client_saturated 列）"
                : "the client itself was saturated in \(Self.seconds(count))\(from ?? ""): latencies of requests in them are not "
                    + "reliable (see the client_saturated column of timeseries.csv)"
        case .clientKeptOffCPU(let cores, let steal):
            let used = FigureText.number(cores, 2)
            let stolen = Self.stolen(steal)
            return zh
                ? "事件循环滞后期间，客户端自身只用了 \(used) 个核的 CPU：占住 CPU 的是本机上的其他工作"
                    + (stolen.map { "或虚拟机的宿主（CPU steal \($0) %）" } ?? "")
                    + "，而非负载本身。降低请求速率无济于事：请在更空闲的机器上运行，或用 taskset 把客户端和服务器绑定到各自的核"
                : "while its loops ran late the client itself used only \(used) of a core: other work on this machine"
                    + (stolen.map { " or the virtual machine's host (CPU steal \($0) %)" } ?? "")
                    + " kept it off the CPU, not the load. Fewer requests a second will not help: run on a quieter "
                    + "machine, or pin client and server to cores of their own (taskset)"
        case .machineCPUBusy(let cpu):
            let share = FigureText.number(cpu, 0)
            return zh
                ? "运行期间本机 CPU 平均 \(share) % 繁忙：客户端的延误可能来自同一台机器上的服务器或其他工作，而非负载速率；请把客户端放在另一台机器上，或用 taskset 把客户端和服务器绑定到不同的核"
                : "the machine's CPUs were \(share) % busy on average: the client's delay may come from the server or other "
                    + "work on this machine rather than the load's rate; run the client on another machine, or pin client "
                    + "and server to different cores (taskset)"
        case .fellBehindSchedule(let lag):
            let p99 = FigureText.number(lag, 1)
            return zh
                ? "客户端落后于调度计划（调度延迟 P99 \(p99) 毫秒）：自计划时间起的延迟包含了客户端的延误"
                : "the client fell behind its schedule (lag P99 \(p99) ms): latencies from the schedule include the client's delay"
        case .sentBelowOffered(let sent, let offered):
            return zh
                ? "请求实际发送速率为 \(FigureText.number(sent, 2))/秒，低于要求的 \(FigureText.number(offered, 2))/秒"
                : "requests went out at \(FigureText.number(sent, 2))/s, below the \(FigureText.number(offered, 2))/s asked for"
        case .manyTimeouts(let rate):
            return zh ? "\(FigureText.percent(rate)) 的请求超时" : "\(FigureText.percent(rate)) of requests timed out"
        case .drainCancelled(let count):
            return zh
                ? "收尾等待结束时仍有 \(count) 个请求在运行并被取消；最慢的回答未计入延迟统计（可调大 --drain-timeout）"
                : "\(count) requests were still running when the drain ended and were cancelled; "
                    + "the slowest answers are missing from the latency figures (raise --drain-timeout)"
        case .estimatedTokens:
            return zh
                ? "输出 token 数（部分）由数据块估算：服务器未报告 token 数"
                : "output token counts are (partly) estimated from chunks: the server reported none"
        case .cutByLength(let count, let share):
            return zh
                ? "\(count) 个回答（\(FigureText.percent(share))）因达到输出 token 上限而截断（finish reason 为 length）"
                : "\(count) responses (\(FigureText.percent(share))) stopped at the output-token limit (finish reason length)"
        case .promptsShorterThanAsked(let count, let requests, let first):
            let list = first.map { "#\($0)" }.joined(separator: ", ")
            return zh
                ? "\(count)/\(requests) 个提示词比要求的短（服务器计数比 --input-tokens 目标少 2 % 以上）：服务器截断了它们"
                    + "（Ollama 会在上下文窗口处截断；见 --num-ctx）。例如请求 \(list)"
                : "\(count) of \(requests) prompts were shorter than asked (the server counted over 2 % fewer tokens "
                    + "than the --input-tokens target): the server cut them (Ollama does at its context window; "
                    + "see --num-ctx). For example requests \(list)"
        case .promptsLongerThanAsked(let count, let requests):
            return zh
                ? "\(count)/\(requests) 个提示词比要求的长（服务器计数比目标多 2 % 以上）"
                : "\(count) of \(requests) prompts were longer than asked (the server counted over 2 % more tokens than the target)"
        case .waitedForSlot(let p99, let cap):
            let p99 = FigureText.number(p99, 1)
            return zh
                ? "请求在客户端排队等待空闲名额（--max-in-flight \(cap)）：客户端排队时间 P99 \(p99) 毫秒。服务器同时最多只处理 \(cap) 个，"
                    + "其延迟（TTFT、E2E）不含这段等待；自计划时间起的延迟包含它。所要求的速率超过了 \(cap) 个并发所能承载的"
                : "requests waited in the client for a free slot (--max-in-flight \(cap)): client queue P99 \(p99) ms. The server "
                    + "saw at most \(cap) at once, so its latency (TTFT, E2E) leaves this wait out; latency from the schedule "
                    + "includes it. The rate asked for is more than \(cap) in flight carry"
        }
    }

    /// Whether this is the warning that the client's loops ran late over the run, saturated or
    /// delayed: the console puts it first, the report in a banner.
    public var isClientSaturation: Bool {
        switch self {
        case .clientSaturated, .clientDelayed: true
        default: false
        }
    }

    /// What the console puts before the banner's text.
    public func bannerLabel(_ language: ReportLanguage) -> String {
        switch (self, language) {
        case (.clientDelayed, .zh): "客户端被延误："
        case (.clientDelayed, _): "CLIENT DELAYED: "
        case (_, .zh): "客户端饱和："
        default: "CLIENT SATURATED: "
        }
    }

    /// The steal as text when it took a noticeable share; on bare metal it is 0.
    private static func stolen(_ steal: Double?) -> String? {
        steal.flatMap { $0 >= 0.5 ? FigureText.number($0, 1) : nil }
    }

    private static func delayText(
        p99: Double, bound: Double, seconds: Int, cores: Double, steal: Double?, zh: Bool
    ) -> String {
        let (p99, bound, used, stolen) = (
            FigureText.number(p99, 2), FigureText.number(bound, 0), FigureText.number(cores, 2), Self.stolen(steal)
        )
        if zh {
            let affected = seconds == 0 ? "分散在整个运行中，没有哪一秒单独超过" : "受影响 \(seconds) 秒"
            return "llmload 的事件循环运行滞后（循环延迟 P99 \(p99) 毫秒，超过 \(bound) 毫秒，\(affected)），"
                + "而它自身只用了 \(used) 个核的 CPU：不是负载使它饱和，而是本机上的其他工作"
                + (stolen.map { "或虚拟机的宿主（CPU steal \($0) %）" } ?? "")
                + "占住了 CPU。这期间记录的时间戳滞后，因此首 token 延迟（TTFT）、token 间延迟（ITL）、每 token 时间（TPOT）、"
                + "解码速度与端到端延迟（E2E）均不可靠。降低请求速率无济于事：请在更空闲的机器上运行，"
                + "或用 taskset 把客户端和服务器绑定到各自的核。"
        }
        return
            "llmload's event loops ran late (loop delay P99 \(p99) ms, above \(bound) ms; \(Self.affected(seconds))) "
            + "while llmload itself used only \(used) of a core: not the load but other work on this machine"
            + (stolen.map { " or the virtual machine's host (CPU steal \($0) %)" } ?? "")
            + " kept it off the CPU. Instants taken then were late, so TTFT, ITL, TPOT, decode speed and E2E are not "
            + "reliable. Fewer requests a second will not help: run on a quieter machine, or pin client and server "
            + "to cores of their own (taskset)."
    }

    private static func saturationText(p99: Double, bound: Double, rate: Double?, seconds: Int, zh: Bool) -> String {
        let p99 = FigureText.number(p99, 2)
        let bound = FigureText.number(bound, 0)
        if zh {
            let from = rate.map { "，约从每秒 \(FigureText.number($0, 0)) 个计划请求开始" } ?? ""
            // The run's P99 can pass the bound with no one second's above it: delays spread thin.
            let affected = seconds == 0 ? "分散在整个运行中，没有哪一秒单独超过" : "受影响 \(seconds) 秒"
            return "客户端自身已饱和：llmload 的事件循环运行滞后（循环延迟 P99 \(p99) 毫秒，超过 \(bound) 毫秒\(from)，"
                + "\(affected)）。时间戳记录滞后、数据块被合并记录，因此首 token 延迟（TTFT）、token 间延迟（ITL）、"
                + "每 token 时间（TPOT）、解码速度与端到端延迟（E2E）均不可靠。原因可能是 llmload 自身在这个速率下的工作，"
                + "也可能是同一批 CPU 核上的其他进程（例如本机上运行的服务器）占住了 CPU。请降低每个 llmload 进程的请求速率、"
                + "给它更多 CPU 核心，或把负载拆分到多个 llmload 进程或机器上；服务器在本机时，用 taskset 把客户端和服务器绑定到不同的核，"
                + "或把客户端放到另一台机器上。"
        }
        let from = rate.map { " from about \(FigureText.number($0, 0)) req/s offered" } ?? ""
        return "The client itself was saturated\(from): llmload's event loops ran late (loop delay P99 \(p99) ms, "
            + "above \(bound) ms; \(Self.affected(seconds))), so chunks were read late and stamped together. "
            + "TTFT, ITL, TPOT, decode speed and E2E are not reliable. The cause is llmload's own work at this rate, "
            + "or other processes on the same cores (a server running on this machine) keeping it from running. "
            + "Offer fewer requests a second per llmload process, give it more cores, or split the load across "
            + "several llmload processes or machines; with the server on this machine, pin client and server to "
            + "different cores (taskset) or run the client on another machine."
    }

    private static func seconds(_ count: Int) -> String { count == 1 ? "1 second" : "\(count) seconds" }

    private static func affected(_ count: Int) -> String {
        count == 0 ? "spread over the run, no one second above it" : "\(seconds(count)) affected"
    }
}
