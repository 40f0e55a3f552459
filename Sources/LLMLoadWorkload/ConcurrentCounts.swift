/// Runs `work` for each of `items` with at most `limit` at once and collects the results by key:
/// how the calibrators keep a bounded number of the server's counts in flight.
func concurrently<Item: Sendable, Key: Hashable & Sendable, Value: Sendable>(
    _ items: [Item], limit: Int, _ work: @escaping @Sendable (Item) async throws -> (Key, Value)
) async throws -> [Key: Value] {
    try await withThrowingTaskGroup(of: (Key, Value).self) { group in
        var results: [Key: Value] = [:]
        var pending = items.makeIterator()
        func addNext() {
            guard let item = pending.next() else { return }
            group.addTask { try await work(item) }
        }
        for _ in 0..<limit { addNext() }
        while let (key, value) = try await group.next() {
            results[key] = value
            addNext()
        }
        return results
    }
}
