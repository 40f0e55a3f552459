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
        let given = request.headers[.authorization] ?? ""
        guard given == "Bearer \(key)" else {
            let shown = given.hasPrefix("Bearer ") ? String(given.dropFirst(7)) : "(none)"
            let message = "Incorrect API key provided: \(shown)"
            return GenerationResponder.json(
                .unauthorized,
                #"{"error":{"message":\#(JSONText.quoted(message)),"type":"invalid_request_error","code":"invalid_api_key"}}"#
            )
        }
        return try await next(request, context)
    }
}
