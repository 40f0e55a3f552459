import LLMLoadBackends
import LLMLoadCore
import NIOCore

/// Decodes whole captured streams, each with a fresh decoder as a request would, until the time
/// budget is spent; reports bytes and events per second.
struct DecoderBenchmark {
    var bytes = 0
    var events = 0
    var failures = 0
    var elapsed = Duration.zero

    static func run<Decoder: ResponseDecoder>(
        _ streams: [[ByteBuffer]], for budget: Duration, makeDecoder: () -> Decoder
    ) -> DecoderBenchmark {
        var result = DecoderBenchmark()
        result.elapsed = runBatches(for: budget) {
            for stream in streams {
                var decoder = makeDecoder()
                var events = 0
                do {
                    for chunk in stream {
                        result.bytes += chunk.readableBytes
                        try decoder.decode(chunk) { _ in events += 1 }
                    }
                    try decoder.finish { _ in events += 1 }
                } catch {
                    result.failures += 1
                }
                result.events += events
            }
        }
        return result
    }

    func line(label: String, files: Int) -> String {
        let seconds = elapsed.seconds
        let megabytes = Double(bytes) / 1e6 / seconds
        let eventsPerSecond = Double(events) / seconds
        return "\(label) \(Fixed.format(megabytes, 1)) MB/s  \(Fixed.format(eventsPerSecond / 1e3, 1)) k events/s"
            + "  (\(files) captured streams, one event a chunk\(failures > 0 ? ", \(failures) failed" : ""))"
    }
}

/// Fixed-point text without Foundation's formatters (the benchmark should not measure them).
enum Fixed {
    static func format(_ value: Double, _ decimals: Int) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = Int((value * scale).rounded())
        let whole = String(scaled / Int(scale))
        guard decimals > 0 else { return whole }
        let fraction = String(scaled % Int(scale))
        return whole + "." + String(repeating: "0", count: decimals - fraction.count) + fraction
    }
}
