import Testing

/// Every integration suite is nested here so that they run one after another: each puts real
/// load on the machine's two cores, and timing figures compared across suites running at once
/// would measure each other. Unit-test suites still run in parallel beside them.
///
/// They run in the order of their files' names, and `AccuracyTests.swift` comes first on
/// purpose: its TTFT/E2E comparisons are the most sensitive to what ran before them in the
/// same process.
@Suite(.serialized, .timeLimit(.minutes(5)))
enum Integration {}
