import NIOCore
import NIOHTTP1

/// NIO's HTTP/1.1 response decoder, told of each request by ``expectResponse()`` instead of by
/// watching the requests go out.
///
/// `HTTPResponseDecoder` must know each request's method (a response to `HEAD` has no body), and
/// learns it by observing the writes: that makes its `ByteToMessageHandler` an outbound handler
/// that unwraps every write as an `HTTPClientRequestPart`. llmload writes its requests as
/// finished bytes (``RequestHead``), so it tells the decoder instead, and the requests reach the
/// socket without crossing it.
struct ResponseParser: ByteToMessageDecoder {
    typealias InboundOut = HTTPClientResponsePart

    /// Shared with the connection's handler, which calls ``expectResponse()``.
    let decoder: HTTPResponseDecoder

    /// Every request llmload sends is a `POST`; only the method is read.
    private static let post = HTTPRequestHead(version: .http1_1, method: .POST, uri: "/")

    init(_ decoder: HTTPResponseDecoder) {
        self.decoder = decoder
    }

    /// A request went out: its response comes next. Call before writing it, as the encoder's
    /// write did, so that an answer arriving at once has a request to belong to.
    static func expectResponse(from decoder: HTTPResponseDecoder) {
        decoder.write(data: .head(post))
    }

    func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        try decoder.decode(context: context, buffer: &buffer)
    }

    func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        try decoder.decodeLast(context: context, buffer: &buffer, seenEOF: seenEOF)
    }

    func decoderAdded(context: ChannelHandlerContext) {
        decoder.decoderAdded(context: context)
    }

    func decoderRemoved(context: ChannelHandlerContext) {
        decoder.decoderRemoved(context: context)
    }
}
