import LLMLoadBackends
import LLMLoadCore
import LLMLoadWorkload

/// Counts prompt tokens by asking the server for a one-token answer and reading the prompt count
/// it reports (Ollama `prompt_eval_count`, OpenAI `usage.prompt_tokens`): exactly what the
/// run's requests will be counted as, chat template included, at the cost of a prefill.
struct GenerationTokenCounter: TokenCounter {
    let client: HTTPInferenceClient
    let api: any InferenceAPI
    let baseURL: String
    let template: InferenceRequest
    let headers: [(String, String)]
    let timeout: Duration

    func count(_ text: String) async throws -> Int {
        var request = template
        (request.prompt, request.messages) = (text, nil)
        (request.maxOutputTokens, request.isStreaming, request.ignoresEndOfSequence) = (1, false, false)
        let record = await client.execute(
            RequestPlan(index: -1, scheduledAt: .now, request: request), api: api, baseURL: baseURL, timeout: timeout,
            headers: headers)
        guard record.outcome == .ok else {
            throw CalibrationError(
                "counting prompt tokens with a one-token request failed (\(record.outcome.rawValue)"
                    + (record.httpStatus.map { ", HTTP \($0)" } ?? "") + "): \(record.errorMessage ?? "no message")")
        }
        guard let tokens = record.promptTokens, tokens.source == .server else {
            throw CalibrationError(
                "the server reported no prompt token count (usage.prompt_tokens or prompt_eval_count), "
                    + "which --input-tokens needs to fit prompts")
        }
        return tokens.value
    }
}
