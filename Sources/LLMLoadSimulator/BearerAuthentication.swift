import Hummingbird

/// Refuses requests without the right bearer token, answering like OpenAI does — including
/// the habit of echoing the key it was given, which llmload must keep out of its outputs.
struct BearerAuthentication<Context: RequestContext>: RouterMiddleware {
    let key: String

    func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        if let refusal = BearerToken.refusal(of: request.headers[.authorization], key: key) {
            return JSONResponse.make(.unauthorized, refusal)
        }
        return try await next(request, context)
    }
}

/// The bearer-token check ``BearerAuthentication`` and ``GenerationHandler`` share.
enum BearerToken {
    /// The 401 body for an `Authorization` header that is not `Bearer <key>`; `nil` when it is.
    static func refusal(of given: String?, key: String) -> String? {
        let given = given ?? ""
        guard given != "Bearer \(key)" else { return nil }
        let shown = given.hasPrefix("Bearer ") ? String(given.dropFirst(7)) : "(none)"
        let message = "Incorrect API key provided: \(shown)"
        return
            #"{"error":{"message":\#(JSONText.quoted(message)),"type":"invalid_request_error","code":"invalid_api_key"}}"#
    }
}
