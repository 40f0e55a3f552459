import Testing

/// Every integration suite is nested here so that they run one after another: each puts real
/// load on the machine's two cores, and timing figures compared across suites running at once
/// would measure each other. Unit-test suites still run in parallel beside them.
@Suite(.serialized, .timeLimit(.minutes(5)))
enum Integration {}
