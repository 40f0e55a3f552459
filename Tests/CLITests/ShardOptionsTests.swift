import ArgumentParser
import Foundation
import LLMLoadCore
import Testing

@testable import LLMLoadCLI

/// `--shard` and `--start-at`: parsed into the run's coordination, and refused clearly before
/// any work when they cannot work.
@Suite struct ShardOptionsTests {
    private let base = ["--url", "http://127.0.0.1:8000", "--qps", "30"]
    private let soon = String(Date().addingTimeInterval(60).timeIntervalSince1970)

    private func message(_ arguments: [String]) -> String? {
        do {
            _ = try RunCommand.parse(base + arguments)
            return nil
        } catch {
            return RunCommand.message(for: error)
        }
    }

    @Test func aShardAndAStartBecomeTheRunsCoordination() throws {
        let command = try RunCommand.parse(base + ["--shard", "1/3", "--start-at", "2030-01-02T03:04:05.5Z"])
        let coordination = try #require(try command.makeConfiguration(baseURL: nil).load.coordination)
        #expect(coordination.shard == (try Shard(index: 1, count: 3)))
        #expect(coordination.startsAt == Date(timeIntervalSince1970: 1_893_553_445.5))
        #expect(coordination.runID == String(1_893_553_445_500, radix: 36))
        // Seconds since 1970 name the same instant.
        let epoch = try RunCommand.parse(base + ["--shard", "1/3", "--start-at", "1893553445.5"])
        #expect(try epoch.makeConfiguration(baseURL: nil).load.coordination == coordination)
    }

    @Test func aStartAloneIsOneShardOfOne() throws {
        let command = try RunCommand.parse(base + ["--start-at", soon])
        #expect(try command.makeConfiguration(baseURL: nil).load.coordination?.shard == Shard.whole)
    }

    @Test func badValuesAreRefusedWithTheirReason() {
        #expect(message(["--shard", "3/3", "--start-at", soon])?.contains("shard number must be 0 to 2") == true)
        #expect(message(["--shard", "1-3", "--start-at", soon])?.contains("--shard takes i/N") == true)
        #expect(message(["--shard", "0/3"])?.contains("--shard needs --start-at") == true)
        #expect(message(["--start-at", "1000"])?.contains("--start-at is in the past") == true)
        #expect(message(["--start-at", "tomorrow"]) != nil)
        let closed = ["--url", "http://127.0.0.1:8000", "--concurrency", "2", "--shard", "0/3", "--start-at", soon]
        do {
            _ = try RunCommand.parse(closed)
            Issue.record("two users over three shards was accepted")
        } catch {
            #expect(RunCommand.message(for: error).contains("leaves some of the 3 shards without a user"))
        }
    }
}
