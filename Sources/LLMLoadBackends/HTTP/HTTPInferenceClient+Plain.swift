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

    /// One exchange with a deadline on the whole of it, the body included (AHC's deadline
    /// covers only the wait for the response head): a server that sends a head and then stalls
    /// cannot hang discovery or `/tokenize`. Cancelling the calling task (Ctrl-C before the
    /// load) cancels the exchange at once.
    private func exchange(
        _ request: HTTPClientRequest, timeout: Duration, limit: Int
    ) async throws -> (status: Int, body: ByteBuffer) {
        let client = httpClient
        return try await withThrowingTaskGroup(of: (status: Int, body: ByteBuffer)?.self) { group in
            group.addTask {
                let response = try await client.execute(request, timeout: .nanoseconds(timeout.nanoseconds))
                do {
                    return (Int(response.status.code), try await response.body.collect(upTo: limit))
                } catch is NIOTooManyBytesError {
                    throw PlainExchangeError.tooLarge(limit: limit)
                }
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let answer = first else {
                throw PlainExchangeError.timedOut(timeout)
            }
            return answer
        }
    }
}

/// Why a plain exchange (discovery, `/tokenize`) gave no answer.
public enum PlainExchangeError: Error, CustomStringConvertible, Equatable {
    /// The whole answer, body included, did not arrive within the timeout.
    case timedOut(Duration)
    /// The body was larger than the exchange accepts.
    case tooLarge(limit: Int)

    public var description: String {
        switch self {
        case .timedOut(let timeout): "no complete answer within \(timeout)"
        case .tooLarge(let limit): "the answer is larger than \(limit) bytes"
        }
    }
}

extension HTTPInferenceClient {
    /// A short readable reason for an error of a plain exchange (``get(_:headers:timeout:limit:)``).
    public static func describe(_ error: any Error) -> String { TransportFailure.describe(error) }
}
