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
            findings.append(PreflightFinding(.unavailable, "whether \(model) is loaded: \(unavailable.reason)"))
        }
        findings += ollamaContextFindings(state.details)
        findings.append(
            PreflightFinding(
                .info,
                "Ollama does not expose how many requests it runs at once (OLLAMA_NUM_PARALLEL): "
                    + "requests beyond it wait in its queue unseen, and their latency includes the wait"))
        return findings
    }

    private func loadedFindings(_ loaded: OllamaRunningModel?) -> [PreflightFinding] {
        guard let loaded else {
            if fitsPrompts {
                return [
                    PreflightFinding(
                        .info, "\(model) is not loaded (GET /api/ps): fitting the prompts loads it before the load")
                ]
            }
            if hasWarmup {
                return [PreflightFinding(.info, "\(model) is not loaded (GET /api/ps): the warm-up loads it")]
            }
            return [
                PreflightFinding(
                    .warning,
                    "\(model) is not loaded (GET /api/ps): the first requests include its load time; "
                        + "--warmup-requests 1 leaves them out of the figures")
            ]
        }
        let size = Self.gigabytes(loaded.sizeBytes)
        let expiry = loaded.expiresAt.map { ", unloaded at \($0) unless used (keep_alive)" } ?? ""
        let context = loaded.contextLength.map { ", loaded with a context of \($0) tokens" } ?? ""
        if loaded.vramBytes > 0 && loaded.vramBytes < loaded.sizeBytes {
            let share = Int((Double(loaded.vramBytes) / Double(loaded.sizeBytes) * 100).rounded(.down))
            return [
                PreflightFinding(
                    .warning,
                    "only \(share) % of \(model) (\(Self.gigabytes(loaded.vramBytes)) of \(size)) is in GPU memory: "
                        + "the rest runs on the CPU, much slower\(expiry)")
            ]
        }
        let place = loaded.vramBytes == 0 ? "on the CPU (no GPU memory)" : "all in GPU memory"
        return [PreflightFinding(.info, "\(model) is loaded (\(size), \(place)\(context))\(expiry)")]
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
                PreflightFinding(.unavailable, "\(model)'s context length and parameters: \(unavailable.reason)"))
        }
        var (context, source): (Int, String)
        if let sent = sentContextLength {
            (context, source) = (
                sent, isContextGiven ? "--num-ctx, sent with every request" : "the num_ctx llmload sends"
            )
        } else if let parameter = known?.contextParameter {
            (context, source) = (parameter, "the model's num_ctx parameter")
        } else {
            (context, source) = (
                Self.ollamaDefaultContext,
                known == nil
                    ? "Ollama's default, assumed: the model's parameters could not be read"
                    : "Ollama's default; OLLAMA_CONTEXT_LENGTH may change it"
            )
        }
        if let trained = known?.trainedContextLength {
            if trained < context {
                source += ", lowered to the \(trained) tokens the model was trained for"
                context = trained
            } else {
                source += "; the model was trained for \(trained)"
            }
        }
        findings.append(PreflightFinding(.info, "Ollama context: \(context) tokens per request (\(source))"))
        findings += contextFindings(
            context: context, name: "Ollama's context",
            effect: "Ollama cuts the prompt silently (--num-ctx to raise it)")
        return findings
    }

    /// `4.7 GB` (decimal, as Ollama shows sizes).
    static func gigabytes(_ bytes: Int) -> String {
        String(format: "%.1f GB", Double(bytes) / 1e9)
    }
}
