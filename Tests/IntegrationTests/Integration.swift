import Testing

/// Every integration suite is nested here so that they run one after another: each puts real
/// load on the machine's two cores, and timing figures compared across suites running at once
/// would measure each other. Unit-test suites still run in parallel beside them.
///
/// They run in the order of their files' names, and `AccuracyTests.swift` comes first on
/// purpose: its TTFT/E2E comparisons at 200 req/s came out 1–2 ms when run early and up to
/// 30 ms after the other suites had run in the same process (debug build, 2 cores).
@Suite(.serialized, .timeLimit(.minutes(5)))
enum Integration {}
