import LLMLoadBackends
import LLMLoadWorkload

/// Counts prompt tokens with the server's tokenizer endpoint, plus the tokens the request adds
/// around the text (chat template, start token) as measured once with a real request.
struct TokenizeTokenCounter: TokenCounter {
    let endpoint: TokenizeEndpoint
    let overhead: Int

    func count(_ text: String) async throws -> Int {
        do {
            return try await endpoint.count(text) + overhead
        } catch let error as TokenizeError {
            throw CalibrationError(error.description)
        }
    }
}
