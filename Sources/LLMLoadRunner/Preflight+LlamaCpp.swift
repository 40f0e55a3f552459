import LLMLoadBackends
import LLMLoadCore

extension Preflight {
    /// Findings for an OpenAI-compatible server: llama.cpp's slots and context per slot, else
    /// vLLM's `max_model_len`.
    package func findings(_ state: ServerStateProbe.OpenAICompatible) -> [PreflightFinding] {
        switch state.props {
        case .success(let props):
            return llamaCppFindings(props, slots: state.slots)
        case .failure(let unavailable):
            var findings = [
                PreflightFinding(
                    .unavailable, "llama.cpp slots and context per slot: \(unavailable.reason) (not llama.cpp?)",
                    zh: "llama.cpp 的槽位数与每槽上下文：\(unavailable.reason)（不是 llama.cpp？）")
            ]
            switch state.maxModelLength {
            case .success(let length):
                findings.append(
                    PreflightFinding(
                        .info, "\(model): max_model_len \(length) tokens (GET /v1/models)",
                        zh: "\(model)：max_model_len 为 \(length) token（GET /v1/models）"))
                findings += contextFindings(
                    context: length, name: ("max_model_len", "max_model_len"),
                    effect: (
                        "the server refuses such requests or stops them at the limit", "服务器会拒绝这样的请求，或在达到上限时停止生成"
                    ))
            case .failure(let unavailable):
                findings += serverInfoFindings(state.serverInfo, modelList: unavailable)
            case nil:
                break
            }
            return findings
        }
    }

    /// SGLang's or TGI's own statement of the context, when `/v1/models` had none.
    private func serverInfoFindings(
        _ info: ServerStateProbe.Check<ServerInfoContext>?, modelList: ServerStateProbe.Unavailable
    ) -> [PreflightFinding] {
        guard case .success(let context) = info else {
            var line = "context length: \(modelList.reason) (no max_model_len: not vLLM?)"
            var lineZh = "上下文长度：\(modelList.reason)（没有 max_model_len：不是 vLLM？）"
            if case .failure(let unavailable) = info {
                line += "; \(unavailable.reason) (not SGLang or TGI?)"
                lineZh += "；\(unavailable.reason)（不是 SGLang 或 TGI？）"
            }
            return [PreflightFinding(.unavailable, line, zh: lineZh)]
        }
        return [
            PreflightFinding(
                .info, "\(model): \(context.tokens) tokens of context, \(context.source)",
                zh: "\(model)：上下文 \(context.tokens) token，\(context.source)")
        ]
            + contextFindings(
                context: context.tokens,
                name: (context.source.components(separatedBy: " ").first ?? "context", "服务器所报的上下文"),
                effect: ("the server refuses such requests or stops them at the limit", "服务器会拒绝此类请求或在上限处截断"))
    }

    private func llamaCppFindings(
        _ props: LlamaCppProps, slots: ServerStateProbe.Check<LlamaCppSlots>?
    ) -> [PreflightFinding] {
        let count = props.totalSlots
        let plural = count == 1 ? "" : "s"
        let context = props.contextPerSlot.map { ", \($0) tokens of context per slot" } ?? ""
        let contextZh = props.contextPerSlot.map { "，每槽上下文 \($0) token" } ?? ""
        var findings = [
            PreflightFinding(
                .info, "llama.cpp (model \(props.modelAlias ?? model)): \(count) slot\(plural)\(context) (GET /props)",
                zh: "llama.cpp（模型 \(props.modelAlias ?? model)）：\(count) 个槽位\(contextZh)（GET /props）")
        ]
        switch slots {
        case .success(let slots):
            findings.append(
                PreflightFinding(
                    .info, "\(slots.busy) of \(slots.count) slots busy now (GET /slots)",
                    zh: "当前 \(slots.count) 个槽位中 \(slots.busy) 个忙碌（GET /slots）"))
        case .failure(let unavailable):
            findings.append(
                PreflightFinding(
                    .unavailable, "slots busy now: \(unavailable.reason)", zh: "当前忙碌的槽位：\(unavailable.reason)"))
        case nil:
            break
        }
        if let total = closedLoopUsers {
            // With replicas, this server gets its share of the users (round-robin: at most this).
            let users = (total + replicaCount - 1) / replicaCount
            let (asked, askedZh) =
                replicaCount > 1
                ? (
                    "--concurrency \(total) over \(replicaCount) replicas (up to \(users) on this one)",
                    "--concurrency \(total) 分到 \(replicaCount) 个副本（本副本最多 \(users) 个）"
                )
                : ("--concurrency \(users)", "--concurrency \(users)")
            if users > count {
                findings.append(
                    PreflightFinding(
                        .warning,
                        "\(asked) exceeds the server's \(count) slot\(plural): \(users - count) "
                            + "request\(users - count == 1 ? "" : "s") at a time wait in its queue, and their latency includes the wait",
                        zh: "\(askedZh) 超过了服务器的 \(count) 个槽位：同一时刻有 \(users - count) 个请求在其队列中等待，"
                            + "它们的延迟包含等待时间"
                    ))
            }
        } else if let cap = maximumInFlight {
            // The cap bounds what the server can be sent at once, as the closed loop's users do.
            findings.append(
                cap > count
                    ? PreflightFinding(
                        .warning,
                        "--max-in-flight \(cap) exceeds the server's \(count) slot\(plural): up to \(cap - count) "
                            + "request\(cap - count == 1 ? "" : "s") at a time wait in its queue, and their latency includes the wait",
                        zh: "--max-in-flight \(cap) 超过了服务器的 \(count) 个槽位：同一时刻最多有 \(cap - count) 个请求在其队列中等待，"
                            + "它们的延迟包含等待时间")
                    : PreflightFinding(
                        .info,
                        "--max-in-flight \(cap) is within the server's \(count) slot\(plural): requests past the cap wait "
                            + "in llmload (client_queue_ms), not in the server's queue",
                        zh: "--max-in-flight \(cap) 未超过服务器的 \(count) 个槽位：超出上限的请求在 llmload 中等待"
                            + "（client_queue_ms），而不是在服务器的队列中"))
        } else {
            // How many requests an open loop keeps in flight depends on the latency, unknown
            // before the load: state the limit, do not guess whether it is reached.
            findings.append(
                PreflightFinding(
                    .info,
                    "the server generates for at most \(count) request\(plural) at once; in this open loop, "
                        + "requests beyond them wait in its queue, and their latency includes the wait",
                    zh: "服务器同时最多为 \(count) 个请求生成；在这个开环负载中，超出的请求在其队列中等待，它们的延迟包含等待时间"))
        }
        if let perSlot = props.contextPerSlot {
            findings += contextFindings(
                context: perSlot, name: ("llama.cpp's context per slot", "llama.cpp 的每槽上下文"),
                effect: (
                    "llama.cpp refuses such requests or stops them at the context's end",
                    "llama.cpp 会拒绝这样的请求，或在上下文用尽时停止生成"
                ))
        }
        return findings
    }
}
