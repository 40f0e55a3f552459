import LLMLoadCore
import LLMLoadRunner
import Testing

/// The hand-over of finished requests to the consumer: every record added before the end comes
/// out once, in order, in batches, and the batches end once the queue is finished.
@Suite(.timeLimit(.minutes(1)))
struct RecordQueueTests {
    static func finished(_ index: Int) -> FinishedRequest {
        let now = ContinuousClock.now
        return FinishedRequest(
            record: RequestRecord(index: index, scheduledAt: now, finishedAt: now, outcome: .ok), prompt: "p\(index)")
    }

    @Test func everyRecordAddedBeforeTheEndComesOutOnceInOrder() async {
        let queue = RecordQueue()
        let adding = Task {
            for index in 0..<500 {
                queue.add(Self.finished(index))
                if index % 50 == 0 { try? await Task.sleep(for: .milliseconds(5)) }
            }
            queue.finish()
            queue.add(Self.finished(500))  // after the end: dropped
        }
        var indexes: [Int] = []
        var batches = 0
        for await batch in queue.batches() {
            #expect(!batch.isEmpty, "an empty batch is never handed out")
            indexes += batch.map { $0.record.index }
            batches += 1
        }
        await adding.value
        #expect(indexes == Array(0..<500))
        #expect(batches < 500, "records that arrived together are taken together")
    }

    @Test func aFinishedEmptyQueueEndsAtOnce() async {
        let queue = RecordQueue()
        queue.finish()
        var count = 0
        for await _ in queue.batches() { count += 1 }
        #expect(count == 0)
    }
}
