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
                    .unavailable, "llama.cpp slots and context per slot: \(unavailable.reason) (not llama.cpp?)")
            ]
            switch state.maxModelLength {
            case .success(let length):
                findings.append(PreflightFinding(.info, "\(model): max_model_len \(length) tokens (GET /v1/models)"))
                findings += contextFindings(
                    context: length, name: "max_model_len",
                    effect: "the server refuses such requests or stops them at the limit")
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
            if case .failure(let unavailable) = info { line += "; \(unavailable.reason) (not SGLang or TGI?)" }
            return [PreflightFinding(.unavailable, line)]
        }
        return [PreflightFinding(.info, "\(model): \(context.tokens) tokens of context, \(context.source)")]
            + contextFindings(
                context: context.tokens, name: context.source.components(separatedBy: " ").first ?? "context",
                effect: "the server refuses such requests or stops them at the limit")
    }

    private func llamaCppFindings(
        _ props: LlamaCppProps, slots: ServerStateProbe.Check<LlamaCppSlots>?
    ) -> [PreflightFinding] {
        let count = props.totalSlots
        let plural = count == 1 ? "" : "s"
        let context = props.contextPerSlot.map { ", \($0) tokens of context per slot" } ?? ""
        var findings = [
            PreflightFinding(
                .info, "llama.cpp (model \(props.modelAlias ?? model)): \(count) slot\(plural)\(context) (GET /props)")
        ]
        switch slots {
        case .success(let slots):
            findings.append(PreflightFinding(.info, "\(slots.busy) of \(slots.count) slots busy now (GET /slots)"))
        case .failure(let unavailable):
            findings.append(PreflightFinding(.unavailable, "slots busy now: \(unavailable.reason)"))
        case nil:
            break
        }
        if let users = closedLoopUsers {
            if users > count {
                findings.append(
                    PreflightFinding(
                        .warning,
                        "--concurrency \(users) exceeds the server's \(count) slot\(plural): \(users - count) "
                            + "request\(users - count == 1 ? "" : "s") at a time wait in its queue, and their latency includes the wait"
                    ))
            }
        } else {
            // How many requests an open loop keeps in flight depends on the latency, unknown
            // before the load: state the limit, do not guess whether it is reached.
            findings.append(
                PreflightFinding(
                    .info,
                    "the server generates for at most \(count) request\(plural) at once; in this open loop, "
                        + "requests beyond them wait in its queue, and their latency includes the wait"))
        }
        if let perSlot = props.contextPerSlot {
            findings += contextFindings(
                context: perSlot, name: "llama.cpp's context per slot",
                effect: "llama.cpp refuses such requests or stops them at the context's end")
        }
        return findings
    }
}
