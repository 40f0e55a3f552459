extension RunConfiguration {
    /// Where a run's prompts come from: one source, so settings of another source (a template
    /// for synthetic prompts, a corpus for a prompt file) cannot be held at all.
    public enum Prompts: Sendable, Equatable {
        /// Text given by the user or built in, used in turn.
        case given(GivenPrompts)
        /// Text of a length the server counts, cut from a corpus (`--input-tokens`).
        case synthetic(SyntheticPromptSettings)
        /// Text of each replayed trace entry's length, cut from a corpus (`--trace`); the
        /// lengths are the trace's (``RunConfiguration/Load/trace``).
        case trace(TracePromptSettings)

        /// The synthetic prompts' lengths; `nil` for given prompts.
        public var inputLength: InputLength? {
            if case .synthetic(let settings) = self { settings.length } else { nil }
        }
    }

    /// Prompts given as text: where from, then a template and a seeded shuffle over them.
    public struct GivenPrompts: Sendable, Equatable {
        /// The text before the template and shuffle.
        public enum Origin: Sendable, Equatable {
            /// The built-in questions in English and Chinese.
            case builtIn
            /// One prompt for every request (`--prompt`).
            case fixed(String)
            /// A prompt file: text lines, JSONL or ShareGPT (`--prompts`).
            case file(path: String)
        }

        public var origin: Origin
        /// Each prompt is put in this template's `{question}`.
        public var template: String?
        /// Shuffle the prompts in an order fixed by this seed; `nil` keeps their order.
        public var shuffleSeed: UInt64?

        public init(origin: Origin = .builtIn, template: String? = nil, shuffleSeed: UInt64? = nil) {
            self.origin = origin
            self.template = template
            self.shuffleSeed = shuffleSeed
        }
    }

    /// Prompts made to a replayed trace's lengths: corpus text fitted with the server's own
    /// count, each hash id of the trace standing for the same block of text in every prompt.
    public struct TracePromptSettings: Sendable, Equatable {
        /// The text prompts are cut from; `nil`: the built-in corpus.
        public var corpusFile: String?
        /// Fixes where in the corpus each hash id's block (and each unshared prompt) starts.
        public var seed: UInt64

        public init(corpusFile: String? = nil, seed: UInt64 = SyntheticPromptSettings.defaultSeed) {
            self.corpusFile = corpusFile
            self.seed = seed
        }
    }

    /// The shortest and longest prompt the run builds to a length the server counts: those of
    /// `--input-tokens` or of the replayed trace; `nil` for given prompts.
    public var fittedInputTokens: ClosedRange<Int>? {
        if let trace = load.trace { return trace.inputTokenBounds }
        return requests.prompts.inputLength?.bounds
    }

    /// The longest answer a request asks for: a trace's longest entry, else `--max-tokens`;
    /// `nil` when neither sets one.
    public var longestAnswerTokens: Int? {
        load.trace?.entries.map(\.outputTokens).max() ?? requests.maxOutputTokens
    }

    /// Synthetic prompts of `length` tokens as the server counts them (`--input-tokens`).
    public struct SyntheticPromptSettings: Sendable, Equatable {
        public var length: InputLength
        /// The first this many tokens of every prompt are the same text, so the server's prefix
        /// cache can reuse them (`--shared-prefix`); the unique tag follows.
        public var sharedPrefixTokens: Int?
        /// The text prompts are cut from; `nil`: the built-in corpus.
        public var corpusFile: String?
        /// Fixes the prompts' lengths and where in the corpus each starts.
        public var seed: UInt64

        /// The seed unless one is given, so two runs send the same prompts.
        public static let defaultSeed: UInt64 = 42

        public init(
            length: InputLength, sharedPrefixTokens: Int? = nil, corpusFile: String? = nil, seed: UInt64 = defaultSeed
        ) {
            self.length = length
            self.sharedPrefixTokens = sharedPrefixTokens
            self.corpusFile = corpusFile
            self.seed = seed
        }
    }
}
