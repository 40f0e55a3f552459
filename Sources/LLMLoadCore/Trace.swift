/// A recorded workload replayed request by request (`--trace`): when each request was sent,
/// how long its prompt and its answer were, and which blocks of its prompt it shared with
/// others. Read from a file by `TraceFile` (LLMLoadWorkload); the window and speed are applied
/// there, so ``entries`` are what the run sends, in order.
public struct Trace: Sendable, Equatable {
    /// The layouts read.
    public enum Format: String, Sendable, Equatable, CaseIterable {
        /// Mooncake's JSONL: `timestamp` (ms), `input_length`, `output_length`, `hash_ids`.
        case mooncake
        /// BurstGPT's CSV: `Timestamp` (s), `Model`, `Request tokens`, `Response tokens`, ….
        case burstGPT = "burstgpt"
    }

    /// One request of the trace.
    public struct Entry: Sendable, Equatable {
        /// When it is due, from the start of the run (after window and speed).
        public var offset: Duration
        /// Prompt tokens, as the server under test will count them.
        public var inputTokens: Int
        /// The answer's length, sent as `max_tokens` / `num_predict`.
        public var outputTokens: Int
        /// The prompt's blocks of ``Trace/blockTokens`` tokens, in order: requests listing the
        /// same ids first share that much of their prompt's text. Empty: nothing shared.
        public var hashIDs: [Int]
        /// Its line in the file (from 1), for messages.
        public var line: Int

        public init(offset: Duration, inputTokens: Int, outputTokens: Int, hashIDs: [Int] = [], line: Int) {
            self.offset = offset
            self.inputTokens = inputTokens
            self.outputTokens = outputTokens
            self.hashIDs = hashIDs
            self.line = line
        }
    }

    /// The file, as given.
    public var path: String
    public var format: Format
    /// Trace time is divided by this: 2 replays it twice as fast.
    public var speed: Double
    /// The span of trace time kept, from the trace's first entry; `nil`: all of it.
    public var window: Window?
    /// Tokens of text each hash id stands for (Mooncake's blocks are 512).
    public var blockTokens: Int
    /// The entries the run sends, by offset.
    public var entries: [Entry]
    /// The entries in the whole file, before the window.
    public var fileEntries: Int

    /// The default of ``blockTokens``: Mooncake's block size.
    public static let defaultBlockTokens = 512

    public init(
        path: String, format: Format, speed: Double = 1, window: Window? = nil, blockTokens: Int = defaultBlockTokens,
        entries: [Entry], fileEntries: Int? = nil
    ) {
        self.path = path
        self.format = format
        self.speed = speed
        self.window = window
        self.blockTokens = blockTokens
        self.entries = entries
        self.fileEntries = fileEntries ?? entries.count
    }

    /// The span of trace time a replay keeps (`--trace-window 10m-20m`): entries at or after
    /// `start` and before `end`, counted from the trace's first entry; they are then re-based so
    /// that `start` is the run's start.
    public struct Window: Sendable, Equatable, CustomStringConvertible {
        public var start: Duration
        public var end: Duration

        public init(start: Duration, end: Duration) {
            self.start = start
            self.end = end
        }

        /// `START-END`, each a duration (`10m-20m`, `600-1200`, `90s-2m`); `nil` for anything else
        /// or an end not after the start.
        public init?(parsing text: String) {
            let parts = text.split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 2, let start = DurationText.parse(String(parts[0])),
                let end = DurationText.parse(String(parts[1])), start >= .zero, end > start
            else { return nil }
            self.init(start: start, end: end)
        }

        /// `600s-1200s`.
        public var description: String { "\(start.seconds.compactText)s-\(end.seconds.compactText)s" }
    }

    /// The offset of the last entry; zero for a trace whose entries are all at the start.
    public var span: Duration { entries.last?.offset ?? .zero }

    /// The name of the file, for labels.
    public var fileName: String {
        String(path.split(separator: "/").last ?? Substring(path))
    }

    /// The smallest and largest prompt of the entries.
    public var inputTokenBounds: ClosedRange<Int> {
        (entries.map(\.inputTokens).min() ?? 1)...(entries.map(\.inputTokens).max() ?? 1)
    }

    /// The most requests due within any one second: the rate the client must keep up with.
    public var peakRatePerSecond: Double {
        var (first, peak) = (0, 0)
        for (last, entry) in entries.enumerated() {
            while entry.offset - entries[first].offset >= .seconds(1) { first += 1 }
            peak = max(peak, last - first + 1)
        }
        return Double(max(peak, 1))
    }
}

extension Double {
    /// Whole numbers without a fraction (`600`), others as Swift prints them (`0.5`).
    fileprivate var compactText: String {
        rounded() == self && abs(self) < 1e15 ? String(Int64(self)) : String(self)
    }
}
