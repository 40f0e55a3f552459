/// What a ``FaultServer`` does with every generation request: one row of the socket-level
/// fault matrix. The raw value is the fault's id in `docs/reliability.md`'s table.
public enum ServerFault: String, Sendable, CaseIterable {
    /// The control: a complete, well-formed stream.
    case wellFormed = "well_formed"
    /// Stops listening once discovery is over: every request of the load is refused
    /// (`ECONNREFUSED`). A fault of the whole server, so only ever a script's one fault.
    case refuse
    /// Reads the request and never writes a byte.
    case neverAnswer = "never_answer"
    /// Writes the response head one byte every 100 ms (a head of ~100 bytes takes ~10 s).
    case slowHeaders = "slow_headers"
    /// Writes a `200` head with a chunked body, then nothing.
    case headThenStall = "head_then_stall"
    /// Writes the head and two tokens, then resets the connection (`RST`).
    case resetMidStream = "reset_mid_stream"
    /// Writes the head and two tokens and ends the HTTP body properly, without the stream's
    /// terminator (Ollama `done: true`, OpenAI finish reason and `[DONE]`).
    case closeBeforeTerminator = "close_before_terminator"
    /// Writes the head and two tokens, then closes (`FIN`) inside the chunked body.
    case cutMidBody = "cut_mid_body"
    /// A token whose text holds invalid UTF-8 (a three-byte sequence broken off, then `0xFF`),
    /// split between two writes 50 ms apart, then a proper end.
    case invalidUTF8Split = "invalid_utf8_split"
    /// One 64 MiB line (Ollama) or `data:` line (OpenAI) in 1 MiB chunks, then a proper end.
    case hugeLine = "line_64_mib"
    /// Tokens as fast as the client reads them, 64 a write, until the client hangs up.
    case streamForever = "stream_forever"
    /// A `200` stream carrying the API's error object (Ollama `{"error": …}`, OpenAI
    /// `data: {"error": {…}}` then `[DONE]`).
    case errorUnder200 = "error_under_200"
    /// `429 Too Many Requests` with `Retry-After: 1` and the API's error body.
    case tooManyRequests = "status_429_retry_after"
    /// `503 Service Unavailable` with `Retry-After: 2` and the API's error body.
    case serviceUnavailable = "status_503_retry_after"
    /// An `HTTP/1.0` answer whose complete, well-formed stream is delimited by closing the
    /// connection (no `Content-Length`, no chunking).
    case closeDelimitedHTTP10 = "http10_close_delimited"
    /// A well-formed stream whose end carries absurd numbers: negative counts, `Int64.max`,
    /// `1e300`, integers past 64 bits, durations of zero.
    case absurdNumbers = "absurd_numbers"
}
