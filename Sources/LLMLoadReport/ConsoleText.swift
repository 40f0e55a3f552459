import LLMLoadCore
import LLMLoadMetrics

/// The console summary's lines about requests, rates, throughput, goodput, input length and
/// the client, in English or Chinese: the same figures, each written by ``FigureText``.
enum ConsoleText {
    /// The aggregator's name of the latency population (`RunSummary.Latency.population`) in
    /// Chinese; a name it does not know (an older file's) as it is.
    static func population(_ english: String) -> String {
        switch english {
        case RunSummary.Latency.measuredPopulation: "成功的请求（结果 ok），不含预热"
        // Early runs named it without the warm-up, which they did not have.
        case "successful requests (outcome ok)": "成功的请求（结果 ok）"
        default: english
        }
    }

    /// Requests, rates, throughput and goodput.
    static func requestLines(_ s: RunSummary, _ language: ReportLanguage) -> [String] {
        let zh = language == .zh
        let r = s.requests
        let outcomes = r.byOutcome.filter { $0.value > 0 }.sorted { $0.key < $1.key }
            .map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        let resentCount = r.resentOnClosedConnection ?? 0
        var lines: [String] = []
        if zh {
            let warmup = r.warmup > 0 ? "（已排除 \(r.warmup) 个预热请求）" : ""
            let resent = resentCount > 0 ? "（\(resentCount) 个重发：服务器在回答前关闭了连接）" : ""
            lines.append("请求       已调度 \(r.total)，已发送 \(r.sent)：\(outcomes.isEmpty ? "无" : outcomes)\(warmup)\(resent)")
            lines.append(
                "比率       成功 \(FigureText.percent(r.successRate))，错误 \(FigureText.percent(r.errorRate))，"
                    + "超时 \(FigureText.percent(r.timeoutRate))，取消 \(FigureText.percent(r.cancelledRate))")
        } else {
            let warmup = r.warmup > 0 ? " (after \(r.warmup) warm-up requests, left out)" : ""
            let resent =
                resentCount > 0 ? " (\(resentCount) sent again: the server closed the connection before answering)" : ""
            lines.append(
                "Requests   \(r.total) dispatched, \(r.sent) sent: \(outcomes.isEmpty ? "none" : outcomes)\(warmup)\(resent)"
            )
            lines.append(
                "Rates      success \(FigureText.percent(r.successRate)), error \(FigureText.percent(r.errorRate)), "
                    + "timeout \(FigureText.percent(r.timeoutRate)), cancelled \(FigureText.percent(r.cancelledRate))")
        }
        let t = s.throughput
        let (ok, output) = (FigureText.number(t.requestsPerS, 2), FigureText.number(t.outputTokensPerS, 1))
        let (sent, window) = (FigureText.number(t.sentPerS, 2), FigureText.number(s.run.windowS, 2))
        lines.append(
            zh
                ? "吞吐       成功 \(ok) 请求/秒，输出 \(output) token/秒（token 来源：\(s.tokens.outputSource)），"
                    + "发送 \(sent) 请求/秒，测量窗口 \(window) 秒"
                : "Throughput \(ok) req/s ok, \(output) output tok/s (tokens: \(s.tokens.outputSource)), "
                    + "sent \(sent) req/s, window \(window) s")
        if let hits = s.tokens.promptCacheHitRate, let cached = s.tokens.promptCachedTotal {
            lines.append(
                zh
                    ? "缓存       \(FigureText.percent(hits)) 的提示 token 来自前缀缓存（\(cached) 个，按服务器所报）"
                    : "Cache      \(FigureText.percent(hits)) of prompt tokens served from the prefix cache "
                        + "(\(cached) tokens, as the server reported them)")
        }
        if let g = s.goodput {
            let (share, rate) = (FigureText.percent(g.share), FigureText.number(g.ratePerS, 2))
            let bounds = FigureText.bounds(s.runDescription.objectives)
            lines.append(
                zh
                    ? "有效吞吐   \(g.requestsMeeting) 个请求（\(share)）满足 \(bounds)：\(rate) 请求/秒"
                    : "Goodput    \(g.requestsMeeting) requests (\(share)) met \(bounds): \(rate) req/s")
        }
        return lines
    }
}

extension ConsoleSummary {
    /// How the prompts' server counts compared with `--input-tokens`.
    static func inputLine(
        _ input: RunSummary.InputTokens, description: RunDescription, language: ReportLanguage = .en
    ) -> String {
        let zh = language == .zh
        let target = description.requests.inputTokens ?? FigureText.dash
        // A trace's targets are its entries' lengths, one per request.
        let targets =
            description.load.trace == nil
            ? (zh ? "目标 \(target) token" : "target \(target) tokens") : (zh ? "轨迹长度" : "trace lengths")
        var line =
            zh
            ? "输入       \(targets)：\(input.serverCounted) 个服务器计数中 \(input.withinTolerance) 个相差不超过 2 %"
            : "Input      \(targets): \(input.withinTolerance) of \(input.serverCounted) server counts within 2 %"
        if let low = input.minDeviationTokens, let high = input.maxDeviationTokens {
            let range = "\(FigureText.signed(low))…\(FigureText.signed(high))"
            line += zh ? "（偏差 \(range) token）" : " (off by \(range) tokens)"
        }
        if input.shorterThanTarget > 0 {
            line += zh ? "，\(input.shorterThanTarget) 个偏短" : ", \(input.shorterThanTarget) shorter"
        }
        if input.longerThanTarget > 0 {
            line += zh ? "，\(input.longerThanTarget) 个偏长" : ", \(input.longerThanTarget) longer"
        }
        if let calibration = description.inputCalibration {
            line += zh ? "；校准方式 \(calibration.method)" : "; fitted by \(calibration.method)"
        }
        if let context = description.requests.numCtx {
            line += zh ? "，Ollama num_ctx \(context)" : ", Ollama num_ctx \(context)"
        }
        return line
    }

    /// How late the client's own event loops ran, against the saturation bound.
    static func clientLine(_ client: RunSummary.Client, language: ReportLanguage = .en) -> String {
        let delay = client.eventLoopDelayMs
        let (p99, max) = (FigureText.number(delay?.p99, 2), FigureText.number(delay?.max, 2))
        let bound = FigureText.number(client.saturationBoundMs, 0)
        if language == .zh {
            let verdict =
                client.saturated
                ? (client.keptOffCPUCores == nil ? "饱和" : "被延误（未占到 CPU）")
                : client.saturatedSeconds.isEmpty ? "未饱和" : "\(client.saturatedSeconds.count) 秒饱和"
            return "客户端     事件循环延迟 P99 \(p99) 毫秒，最大 \(max) 毫秒，共 \(client.eventLoops) 个循环"
                + "（阈值 \(bound) 毫秒）：\(verdict)"
        }
        let loops = client.eventLoops == 1 ? "1 loop" : "\(client.eventLoops) loops"
        let verdict =
            client.saturated
            ? (client.keptOffCPUCores == nil ? "SATURATED" : "DELAYED (kept off the CPU)")
            : client.saturatedSeconds.isEmpty ? "not saturated" : "saturated in \(client.saturatedSeconds.count) s"
        return "Client     event-loop delay P99 \(p99) ms, max \(max) ms "
            + "over \(loops) (bound \(bound) ms): \(verdict)"
    }
}
