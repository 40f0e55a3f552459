import Foundation
import LLMLoadBackends
import LLMLoadCore

extension Preflight {
    /// Ollama's context when neither the request nor the model's parameters set `num_ctx`.
    static let ollamaDefaultContext = 4096

    /// Findings for Ollama: whether the model is loaded, where, until when; the context the
    /// requests will get; and that its parallelism cannot be read.
    package func findings(_ state: ServerStateProbe.Ollama) -> [PreflightFinding] {
        var findings: [PreflightFinding] = []
        switch state.running {
        case .success(let running):
            findings += loadedFindings(running.first { $0.isModel(model) })
        case .failure(let unavailable):
            findings.append(
                PreflightFinding(
                    .unavailable, "whether \(model) is loaded: \(unavailable.reason)",
                    zh: "\(model) 是否已加载：\(unavailable.reason)"))
        }
        findings += ollamaContextFindings(state.details)
        findings.append(
            PreflightFinding(
                .info,
                "Ollama does not expose how many requests it runs at once (OLLAMA_NUM_PARALLEL): "
                    + "requests beyond it wait in its queue unseen, and their latency includes the wait",
                zh: "Ollama 不公开它同时处理多少个请求（OLLAMA_NUM_PARALLEL）：超出的请求在其队列中等待而无法观察，"
                    + "它们的延迟包含等待时间"))
        return findings
    }

    private func loadedFindings(_ loaded: OllamaRunningModel?) -> [PreflightFinding] {
        guard let loaded else {
            if fitsPrompts {
                return [
                    PreflightFinding(
                        .info, "\(model) is not loaded (GET /api/ps): fitting the prompts loads it before the load",
                        zh: "\(model) 尚未加载（GET /api/ps）：校准提示词长度时会在负载开始前加载它")
                ]
            }
            if hasWarmup {
                return [
                    PreflightFinding(
                        .info, "\(model) is not loaded (GET /api/ps): the warm-up loads it",
                        zh: "\(model) 尚未加载（GET /api/ps）：预热请求会加载它")
                ]
            }
            return [
                PreflightFinding(
                    .warning,
                    "\(model) is not loaded (GET /api/ps): the first requests include its load time; "
                        + "--warmup-requests 1 leaves them out of the figures",
                    zh: "\(model) 尚未加载（GET /api/ps）：最初的请求会包含模型的加载时间；--warmup-requests 1 可将它们排除在数据之外")
            ]
        }
        let size = Self.gigabytes(loaded.sizeBytes)
        let expiry = loaded.expiresAt.map { ", unloaded at \($0) unless used (keep_alive)" } ?? ""
        let context = loaded.contextLength.map { ", loaded with a context of \($0) tokens" } ?? ""
        let expiryZh = loaded.expiresAt.map { "，若不再使用将于 \($0) 卸载（keep_alive）" } ?? ""
        let contextZh = loaded.contextLength.map { "，加载时上下文为 \($0) token" } ?? ""
        if loaded.vramBytes > 0 && loaded.vramBytes < loaded.sizeBytes {
            let share = Int((Double(loaded.vramBytes) / Double(loaded.sizeBytes) * 100).rounded(.down))
            return [
                PreflightFinding(
                    .warning,
                    "only \(share) % of \(model) (\(Self.gigabytes(loaded.vramBytes)) of \(size)) is in GPU memory: "
                        + "the rest runs on the CPU, much slower\(expiry)",
                    zh: "\(model) 只有 \(share) %（\(size) 中的 \(Self.gigabytes(loaded.vramBytes))）在显存中：其余部分在 CPU 上运行，"
                        + "慢得多\(expiryZh)")
            ]
        }
        let place = loaded.vramBytes == 0 ? "on the CPU (no GPU memory)" : "all in GPU memory"
        let placeZh = loaded.vramBytes == 0 ? "在 CPU 上（未用显存）" : "全部在显存中"
        return [
            PreflightFinding(
                .info, "\(model) is loaded (\(size), \(place)\(context))\(expiry)",
                zh: "\(model) 已加载（\(size)，\(placeZh)\(contextZh)）\(expiryZh)")
        ]
    }

    /// The context the requests will get: the `num_ctx` llmload sends, else the model's
    /// parameter, else Ollama's default; lowered to what the model was trained for.
    private func ollamaContextFindings(_ details: ServerStateProbe.Check<OllamaModelDetails>) -> [PreflightFinding] {
        var findings: [PreflightFinding] = []
        var known: OllamaModelDetails?
        switch details {
        case .success(let details): known = details
        case .failure(let unavailable):
            findings.append(
                PreflightFinding(
                    .unavailable, "\(model)'s context length and parameters: \(unavailable.reason)",
                    zh: "\(model) 的上下文长度与参数：\(unavailable.reason)"))
        }
        var (context, source, sourceZh): (Int, String, String)
        if let sent = sentContextLength {
            (context, source, sourceZh) =
                isContextGiven
                ? (sent, "--num-ctx, sent with every request", "--num-ctx，随每个请求发送")
                : (sent, "the num_ctx llmload sends", "llmload 发送的 num_ctx")
        } else if let parameter = known?.contextParameter {
            (context, source, sourceZh) = (parameter, "the model's num_ctx parameter", "模型的 num_ctx 参数")
        } else {
            (context, source, sourceZh) =
                known == nil
                ? (
                    Self.ollamaDefaultContext, "Ollama's default, assumed: the model's parameters could not be read",
                    "Ollama 的默认值（推测：无法读取模型参数）"
                )
                : (
                    Self.ollamaDefaultContext, "Ollama's default; OLLAMA_CONTEXT_LENGTH may change it",
                    "Ollama 的默认值；OLLAMA_CONTEXT_LENGTH 可以改变它"
                )
        }
        if let trained = known?.trainedContextLength {
            if trained < context {
                source += ", lowered to the \(trained) tokens the model was trained for"
                sourceZh += "，已降至模型训练时的 \(trained) token"
                context = trained
            } else {
                source += "; the model was trained for \(trained)"
                sourceZh += "；模型训练时为 \(trained)"
            }
        }
        findings.append(
            PreflightFinding(
                .info, "Ollama context: \(context) tokens per request (\(source))",
                zh: "Ollama 上下文：每个请求 \(context) token（\(sourceZh)）"))
        findings += contextFindings(
            context: context, name: ("Ollama's context", "Ollama 的上下文"),
            effect: ("Ollama cuts the prompt silently (--num-ctx to raise it)", "Ollama 会静默截断提示词（可用 --num-ctx 调大）"))
        return findings
    }

    /// `4.7 GB` (decimal, as Ollama shows sizes).
    static func gigabytes(_ bytes: Int) -> String {
        String(format: "%.1f GB", Double(bytes) / 1e9)
    }
}
