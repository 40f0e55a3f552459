import AsyncHTTPClient
import NIOCore

extension HTTPInferenceClient {
    /// A plain GET returning status and body (at most `limit` bytes), for discovery.
    public func get(
        _ url: String,
        headers: [(String, String)] = [],
        timeout: Duration,
        limit: Int = 1 << 20
    ) async throws -> (status: Int, body: ByteBuffer) {
        var request = HTTPClientRequest(url: url)
        request.headers.add(contentsOf: headers)
        return try await exchange(request, timeout: timeout, limit: limit)
    }

    /// A plain POST of a JSON body returning status and body (at most `limit` bytes), for
    /// endpoints other than generation (`/tokenize`).
    public func post(
        _ url: String,
        json body: ByteBuffer,
        headers: [(String, String)] = [],
        timeout: Duration,
        limit: Int = 16 << 20
    ) async throws -> (status: Int, body: ByteBuffer) {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(contentsOf: headers)
        request.body = .bytes(body)
        return try await exchange(request, timeout: timeout, limit: limit)
    }

    private func exchange(
        _ request: HTTPClientRequest, timeout: Duration, limit: Int
    ) async throws -> (status: Int, body: ByteBuffer) {
        let response = try await httpClient.execute(request, timeout: .nanoseconds(timeout.nanoseconds))
        return (Int(response.status.code), try await response.body.collect(upTo: limit))
    }
}
