extension RunSummary {
    /// The summary of every ``MetricCatalogue`` metric: in `summary.json`, one member per metric
    /// that has values, named by its ``Metric/id``, beside `population`.
    public struct Latency: Sendable, Codable, Equatable {
        /// Which requests the distributions cover.
        public var population: String

        /// The population every run since schema 1 summarises over.
        public static let measuredPopulation = "successful requests (outcome ok), warm-up excluded"
        /// Summaries by ``Metric/id``; a metric without values has none.
        public var summaries: [String: DistributionSummary]

        public init(population: String, summaries: [String: DistributionSummary] = [:]) {
            self.population = population
            self.summaries = summaries
        }

        /// The summary of `metric`; `nil` when it has no values.
        public subscript(metric: Metric) -> DistributionSummary? {
            get { summaries[metric.id] }
            set { summaries[metric.id] = newValue }
        }

        // Coded as stored properties named after the ids would be (`ttftMs`), so the encoder's
        // and decoder's key strategies write and read exactly the members they always did.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: Key.self)
            population = try container.decode(String.self, forKey: Key("population"))
            summaries = [:]
            for metric in MetricCatalogue.all {
                summaries[metric.id] = try container.decodeIfPresent(
                    DistributionSummary.self, forKey: Key(metric.codingKeyName))
            }
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(population, forKey: Key("population"))
            for metric in MetricCatalogue.all {
                try container.encodeIfPresent(self[metric], forKey: Key(metric.codingKeyName))
            }
        }

        private struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }

            init(_ name: String) { stringValue = name }
            init?(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }
    }
}
