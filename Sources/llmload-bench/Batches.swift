/// Runs `batch` again and again until `budget` is spent, reading the clock between batches
/// (not between the items of one, so the clock costs the figures nothing); returns the time
/// it ran.
func runBatches(for budget: Duration, _ batch: () throws -> Void) rethrows -> Duration {
    let clock = ContinuousClock()
    let start = clock.now
    var elapsed = Duration.zero
    repeat {
        try batch()
        elapsed = clock.now - start
    } while elapsed < budget
    return elapsed
}
