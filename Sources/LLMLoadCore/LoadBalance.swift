/// How requests are spread over several replicas of one server (`--url` given more than once).
///
/// No request is ever moved to another replica after it was given one: a replica that stops
/// answering fails its own requests, which are counted against it (see ``RunConfiguration/Target``).
public enum LoadBalance: String, Sendable, Codable, CaseIterable {
    /// Request *i* goes to replica *i* mod *N*: each gets the same share of the load (±1),
    /// whatever their speed.
    case roundRobin = "round-robin"
    /// Each request goes to the replica with the fewest requests in flight as the client sees
    /// them (ties: the round-robin choice), so a faster replica gets more of the load.
    case leastInFlight = "least-in-flight"
}
