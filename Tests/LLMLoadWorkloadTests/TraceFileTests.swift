import Foundation
import LLMLoadCore
import Testing

@testable import LLMLoadWorkload

/// Reading Mooncake JSONL and BurstGPT CSV, the window and the speed, and the refusals.
@Suite struct TraceFileTests {
    let mooncake = """
        {"timestamp": 27482, "input_length": 6955, "output_length": 52, "hash_ids": [46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 2353, 2354]}
        {"timestamp": 30535, "input_length": 6472, "output_length": 26, "hash_ids": [46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 2366]}

        {"timestamp": 29000, "input_length": 100, "output_length": 0, "hash_ids": []}
        """

    @Test func mooncakeLinesAreReadInTimeOrderFromTheFirstEntry() throws {
        let trace = try TraceFile.parse(mooncake, path: "/traces/conversation.jsonl")
        #expect(trace.format == .mooncake && trace.entries.count == 3 && trace.fileEntries == 3)
        #expect(trace.entries.map(\.line) == [1, 4, 2], "by timestamp; line 3 is blank")
        #expect(trace.entries.map(\.offset) == [.zero, .milliseconds(1518), .milliseconds(3053)])
        #expect(trace.entries[0].inputTokens == 6955 && trace.entries[0].outputTokens == 52)
        #expect(trace.entries[0].hashIDs == [46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 2353, 2354])
        #expect(trace.entries[1].hashIDs.isEmpty && trace.entries[1].outputTokens == 1, "an answer of 0 is sent as 1")
        #expect(trace.blockTokens == 512 && trace.speed == 1 && trace.window == nil)
        #expect(trace.span == .milliseconds(3053) && trace.fileName == "conversation.jsonl")
        #expect(LoadProfile.trace(trace).label == "trace@conversation.jsonl")
    }

    let burstGPT = """
        Timestamp,Model,Request tokens,Response tokens,Total tokens,Log Type\r
        5,ChatGPT,472,18,490,Conversation log\r
        45,ChatGPT,1087,0,1087,Conversation log\r
        118,GPT-4,417,217,634,API log\r
        125.5,ChatGPT,1360,421,1781,Conversation log\r

        """

    @Test func burstGPTRowsAreReadByTheirHeadersNames() throws {
        let trace = try TraceFile.parse(burstGPT, path: "BurstGPT_1.csv")
        #expect(trace.format == .burstGPT && trace.entries.count == 4)
        #expect(trace.entries.map(\.offset) == [.zero, .seconds(40), .seconds(113), .milliseconds(120_500)])
        #expect(trace.entries.map(\.inputTokens) == [472, 1087, 417, 1360])
        #expect(trace.entries.map(\.outputTokens) == [18, 1, 217, 421])
        #expect(trace.entries.allSatisfy { $0.hashIDs.isEmpty })
        #expect(trace.entries.map(\.line) == [2, 3, 4, 5])
        // Columns in another order, found by name.
        let reordered = try TraceFile.parse(
            "Model,Response tokens,Timestamp,Request tokens\nGPT-4,7,3,9\n", path: "t.csv")
        #expect(reordered.entries == [Trace.Entry(offset: .zero, inputTokens: 9, outputTokens: 7, line: 2)])
    }

    @Test func theFormatIsToldByTheExtensionElseByTheFirstLine() throws {
        #expect(try TraceFile.parse(mooncake, path: "trace.txt").format == .mooncake)
        #expect(try TraceFile.parse(burstGPT, path: "trace").format == .burstGPT)
        #expect(throws: TraceFileError.unknownFormat(path: "trace.txt")) {
            try TraceFile.parse("1,2,3\n", path: "trace.txt")
        }
    }

    @Test func theSpeedDividesEveryInstant() throws {
        let trace = try TraceFile.parse(burstGPT, path: "b.csv", speed: 4)
        #expect(trace.entries.map(\.offset) == [.zero, .seconds(10), .milliseconds(28_250), .milliseconds(30_125)])
        #expect(LoadProfile.trace(trace).label == "trace@b.csv(x4.0)")
    }

    @Test func theWindowKeepsItsSpanOfTraceTimeAndStartsAtIt() throws {
        // Trace time 40 s…120 s: the entries at 40 and 113 s (120.5 s is past the end).
        let window = try #require(Trace.Window(parsing: "40s-2m"))
        #expect(window == Trace.Window(start: .seconds(40), end: .seconds(120)))
        let trace = try TraceFile.parse(burstGPT, path: "b.csv", speed: 2, window: window)
        #expect(trace.entries.map(\.line) == [3, 4])
        #expect(trace.entries.map(\.offset) == [.zero, .milliseconds(36_500)], "(113 − 40) / 2")
        #expect(trace.fileEntries == 4 && trace.window == window)
        #expect(
            throws: TraceFileError.emptyWindow(
                path: "b.csv", window: Trace.Window(start: .seconds(200), end: .seconds(300)), spanSeconds: 120.5)
        ) {
            try TraceFile.parse(burstGPT, path: "b.csv", window: Trace.Window(start: .seconds(200), end: .seconds(300)))
        }
        #expect(Trace.Window(parsing: "10m-20m") == Trace.Window(start: .seconds(600), end: .seconds(1200)))
        #expect(Trace.Window(parsing: "600-1200") == Trace.Window(start: .seconds(600), end: .seconds(1200)))
        for bad in ["20m-10m", "5m-5m", "10m", "a-b", "-5-10", "1-2-3"] {
            #expect(Trace.Window(parsing: bad) == nil, "\(bad)")
        }
    }

    @Test(arguments: [
        ("{\"timestamp\": 1, \"input_length\": 5}\n", "line 1: no output_length"),
        ("{\"timestamp\": 1, \"input_length\": 5, \"output_length\": 2}\nnot json\n", "line 2: not a JSON object"),
        ("{\"input_length\": 5, \"output_length\": 2}\n", "line 1: no timestamp"),
        ("{\"timestamp\": \"x\", \"input_length\": 5, \"output_length\": 2}\n", "line 1: timestamp has the wrong type"),
        ("{\"timestamp\": -3, \"input_length\": 5, \"output_length\": 2}\n", "line 1: timestamp -3.0 is out of range"),
        (
            "\n\n{\"timestamp\": 1, \"input_length\": 5.5, \"output_length\": 2}\n",
            "line 3: input_length 5.5 is not a whole number"
        ),
        (
            "{\"timestamp\": 1, \"input_length\": 5, \"output_length\": 2, \"hash_ids\": [1, 2.5]}\n",
            "line 1: hash_ids holds 2.5"
        ),
        (
            "{\"timestamp\": 1, \"input_length\": 5, \"output_length\": 2, \"hash_ids\": 7}\n",
            "line 1: hash_ids has the wrong type"
        ),
    ])
    func aBadMooncakeLineIsNamed(text: String, message: String) {
        #expect {
            try TraceFile.parse(text, path: "m.jsonl")
        } throws: { error in
            "\(error)".hasPrefix("the trace m.jsonl, \(message)")
        }
    }

    @Test(arguments: [
        (
            "Timestamp,Model,Request tokens,Response tokens\n1,GPT-4,5\n",
            "the trace b.csv, line 2: 3 fields where the header names 4"
        ),
        (
            "Timestamp,Model,Request tokens,Response tokens\n1,GPT-4,5,2\nsoon,GPT-4,5,2\n",
            "the trace b.csv, line 3: Timestamp \"soon\" is not a number of seconds"
        ),
        (
            "Timestamp,Model,Request tokens,Response tokens\n1,GPT-4,-5,2\n",
            "the trace b.csv, line 2: Request tokens -5.0 is not a whole number"
        ),
        ("Timestamp,Model,Request tokens,Response tokens\n1,GPT-4,5,\n", "the trace b.csv, line 2: no Response tokens"),
        ("Timestamp,Model,Request tokens\n1,GPT-4,5\n", "the trace b.csv has no column \"Response tokens\""),
        ("Timestamp,Model,Request tokens,Response tokens\n", "the trace b.csv has no entries"),
        ("\n  \n", "the trace b.csv has no entries"),
    ])
    func aBadBurstGPTFileIsNamed(text: String, message: String) {
        #expect {
            try TraceFile.parse(text, path: "b.csv")
        } throws: { error in
            "\(error)".hasPrefix(message)
        }
    }

    @Test func aMissingFileIsRefusedWithItsPath() {
        #expect {
            try TraceFile.load(path: "/nonexistent/trace.jsonl")
        } throws: { error in
            "\(error)".hasPrefix("cannot read the trace /nonexistent/trace.jsonl")
        }
    }

    /// The samples shipped in examples/ read whole (scripts/make-sample-traces.sh).
    @Test func theShippedSamplesRead() throws {
        let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "../../examples")
        let mooncake = try TraceFile.load(path: examples.appendingPathComponent("mooncake-sample.jsonl").path)
        #expect(mooncake.format == .mooncake && mooncake.entries.count == 300)
        let ids = mooncake.entries.flatMap(\.hashIDs)
        #expect(Set(ids).count < ids.count, "some hash ids are shared")
        let burst = try TraceFile.load(path: examples.appendingPathComponent("burstgpt-sample.csv").path)
        #expect(burst.format == .burstGPT && burst.entries.count == 300)
    }
}
