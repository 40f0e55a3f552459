import LLMLoadCore
import NIOCore

extension HTTPInferenceClient {
    /// The record of a request that could not be built (its body or its URL). A reference, as
    /// ``ExchangeOutcome`` is, so that a failed build is handed on as the outcome of a sent one.
    final class Unbuilt: Error {
        let record: RequestRecord

        init(record: RequestRecord) {
            self.record = record
        }
    }

    /// One send of `request`: its observer, endpoint, head and body, made by a synchronous,
    /// generic function, so that what waits for it is the non-generic ``ExchangeEvents``.
    func makeExchange(_ request: OutgoingRequest, deadline: NIODeadline) -> Result<any ExchangeEvents, Unbuilt> {
        makeExchange(
            request.plan, api: request.api, baseURL: request.baseURL, deadline: deadline, headers: request.headers)
    }

    private func makeExchange<API: InferenceAPI>(
        _ plan: RequestPlan,
        api: API,
        baseURL: String,
        deadline: NIODeadline,
        headers: [(String, String)]
    ) -> Result<any ExchangeEvents, Unbuilt> {
        let observer = ResponseObserver(
            decoder: api.makeDecoder(for: plan.request), isStreaming: plan.request.isStreaming)
        let (endpoint, head, body): (Endpoint, ByteBuffer, ByteBuffer)
        do {
            (endpoint, body) = (try endpoints.endpoint(for: baseURL), try api.makeBody(for: plan.request))
            head = try RequestHead.encode(
                pathPrefix: endpoint.pathPrefix, path: api.path, host: endpoint.hostHeader,
                contentLength: body.readableBytes, headers: headers)
        } catch {
            var failed = observer
            failed.failed(.connectionError, "cannot build the request: \(error)", at: .now)
            return .failure(Unbuilt(record: failed.makeRecord(for: plan, endedAt: .now)))
        }
        return .success(
            Exchange(
                observer: observer, plan: plan, endpoint: endpoint, head: head,
                body: body, deadline: deadline))
    }
}
