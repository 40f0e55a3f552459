extension RunDescription.Target {
    /// One replica of the server (`--url` given more than once), as discovery found it. Its
    /// `number` is the `target` column of `requests.csv` and the `number` of its figures in
    /// `summary.json`'s `targets`.
    public struct Replica: Sendable, Codable, Equatable {
        /// From 1, in the order the URLs were given.
        public var number: Int
        public var url: String
        public var serverVersion: String?

        public init(number: Int, url: String, serverVersion: String? = nil) {
            self.number = number
            self.url = url
            self.serverVersion = serverVersion
        }
    }
}
