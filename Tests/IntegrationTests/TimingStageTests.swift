import LLMLoadTestSupport
import XCTest

/// Starts the timing stage: the `Timing` suites, alone in a process of their own.
///
/// An XCTest case on purpose: `swift test` runs its XCTest pass and its Swift Testing pass one
/// after the other, never together, so while this runs no other suite of the package does. The
/// child's output (each offset from the simulator's record) appears in this one's.
final class TimingStageTests: XCTestCase {
    func testTheTimingSuitesPassAloneInAProcessOfTheirOwn() throws {
        try XCTSkipIf(TimingStage.isActive, "this process is the timing stage itself")
        let status = try TimingStage.runAlone(filter: "IntegrationTests.Timing/", timeout: .seconds(900))
        XCTAssertEqual(status, 0, "a timing suite failed (or ran past 15 minutes): its output is above")
    }
}
