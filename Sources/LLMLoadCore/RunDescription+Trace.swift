extension RunDescription.Load {
    /// The trace a run replayed (`--trace`): the file, how it was read and which part of it
    /// was sent.
    public struct TracePart: Sendable, Codable, Equatable {
        /// The file, as given.
        public var file: String
        /// `mooncake` or `burstgpt`.
        public var format: String
        /// Trace time was divided by this (`--trace-speed`).
        public var speed: Double
        /// The span of trace time kept (`--trace-window`), in seconds from the trace's first
        /// entry; absent: all of it.
        public var windowStartS: Double?
        public var windowEndS: Double?
        /// The entries replayed (in the window), and those in the whole file.
        public var entries: Int
        public var fileEntries: Int
        /// Tokens of text each hash id stands for (`--trace-block-tokens`).
        public var blockTokens: Int
        /// The replayed entries' trace time after the speed: the last one's instant, in seconds.
        public var spanS: Double

        public init(_ trace: Trace) {
            file = trace.path
            format = trace.format.rawValue
            speed = trace.speed
            windowStartS = trace.window?.start.seconds
            windowEndS = trace.window?.end.seconds
            entries = trace.entries.count
            fileEntries = trace.fileEntries
            blockTokens = trace.blockTokens
            spanS = trace.span.seconds
        }
    }
}
