import LLMLoadBackends
import LLMLoadCore
import NIOCore

/// What the event loop does with a streamed answer's bytes, from the first read to the
/// record: each read stamped with the clock, framed, decoded and observed (first token, gaps,
/// text kept), then the record made. The captured streams are cut into reads of a given number
/// of events, as a server that writes every token (1) or coalesces them (10 for 50 ms of 5 ms
/// tokens) is read.
struct ObserverBenchmark {
    var requests = 0
    var events = 0
    var failures = 0
    var elapsed = Duration.zero

    static func run(_ streams: [[ByteBuffer]], eventsPerRead: Int, for budget: Duration) -> ObserverBenchmark {
        let reads = streams.map { events in
            stride(from: 0, to: events.count, by: eventsPerRead).map { start in
                var read = ByteBuffer()
                for event in events[start..<min(start + eventsPerRead, events.count)] {
                    read.writeImmutableBuffer(event)
                }
                return read
            }
        }
        let clock = ContinuousClock()
        let request = InferenceRequest(model: "bench", prompt: "bench", maxOutputTokens: 64)
        var result = ObserverBenchmark()
        let start = clock.now
        result.elapsed = runBatches(for: budget) {
            for (number, stream) in reads.enumerated() {
                var observer = ResponseObserver(decoder: OpenAIStreamDecoder(isStreaming: true), isStreaming: true)
                observer.requestSent(at: clock.now)
                observer.receivedHead(status: 200, at: clock.now)
                for read in stream { observer.receivedBodyPart(read, at: clock.now) }
                observer.bodyEnded(at: clock.now)
                let plan = RequestPlan(index: number, scheduledAt: start, request: request)
                let record = observer.makeRecord(for: plan, endedAt: clock.now)
                result.requests += 1
                result.events += streams[number].count
                if record.outcome != .ok { result.failures += 1 }
            }
        }
        return result
    }

    func line(eventsPerRead: Int) -> String {
        let seconds = elapsed.seconds
        let perEvent = seconds * 1e9 / Double(events)
        return "observer OpenAI SSE, \(eventsPerRead) event\(eventsPerRead == 1 ? "" : "s") a read: "
            + "\(Fixed.format(Double(events) / seconds / 1e3, 1)) k events/s, \(Fixed.format(perEvent, 0)) ns an event"
            + "  (\(Fixed.format(Double(requests) / seconds / 1e3, 1)) k captured answers/s\(failures > 0 ? ", \(failures) failed" : ""))"
    }
}
