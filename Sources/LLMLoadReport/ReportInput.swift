import Foundation
import LLMLoadMetrics

/// What `report.html` is made from, read back from a run folder: the report depends only on
/// the saved files, so `llmload report` re-renders any old run exactly as the run itself did.
public struct ReportInput: Sendable {
    /// Per-request latencies for the scatter chart, thinned to at most ``Limits/points``.
    public struct Points: Sendable, Equatable {
        /// When each successful request completed, seconds since the run's start: the same
        /// time base as the per-second series (latencies by completion second), so the P95 line
        /// drawn over the points belongs to them.
        public var seconds: [Double] = []
        public var ttftMs: [Double?] = []
        public var e2eMs: [Double] = []
        /// Beside each successful request of ``seconds``: the per-request figures the report's
        /// other scatter charts draw (``ReportInput/RequestFigures``).
        public var figures = RequestFigures()
        /// Failed requests: when the failure was seen, and how long after the schedule.
        public var failedSeconds: [Double] = []
        public var failedMs: [Double] = []
        /// Rows read from `requests.csv`, and how many were skipped for each one kept.
        public var rows = 0
        public var stride = 1

        /// Room for `count` successful requests in every series.
        mutating func reserveCapacity(_ count: Int) {
            seconds.reserveCapacity(count)
            ttftMs.reserveCapacity(count)
            e2eMs.reserveCapacity(count)
            figures.reserveCapacity(count)
        }
    }

    /// Bounds that keep the report small (under 10 MB for a million requests).
    public struct Limits: Sendable {
        public var points = 20_000
        public var responses = 8
        public var responseCharacters = 2_000

        public init() {}
    }

    /// The measured figures, with the run's description (`config.json`'s content) inside.
    public var summary: RunSummary
    public var points: Points
    /// A sample: the first successful measured responses, then other ones if there are too few.
    public var responses: [ResponseEntry]

    public init(summary: RunSummary, points: Points, responses: [ResponseEntry]) {
        self.summary = summary
        self.points = points
        self.responses = responses
    }

    /// Reads a run folder. Only `summary.json` is required (it embeds the run's description);
    /// a missing `requests.csv` or `responses.jsonl` (a writer failed) leaves its part of the
    /// report empty. A schema-1 folder also needs its `config.json`, which held the settings.
    /// - Parameter summary: the run's summary when the caller holds it (the run itself, which
    ///   must render even if `summary.json` could not be written); else it is read from the folder.
    public static func load(folder: URL, summary: RunSummary? = nil, limits: Limits = Limits()) throws -> ReportInput {
        let summary = try summary ?? readSummary(folder)
        let expectedRows = summary.requests.total + summary.requests.warmup
        let points = readPoints(
            folder.appendingPathComponent("requests.csv"),
            stride: max(1, (expectedRows + limits.points - 1) / limits.points), expectedRows: expectedRows
        )
        let responses = readResponses(folder.appendingPathComponent("responses.jsonl"), limits: limits)
        return ReportInput(summary: summary, points: points, responses: responses)
    }

    /// `summary.json` of `folder`, with `config.json` for a schema-1 folder.
    static func readSummary(_ folder: URL) throws -> RunSummary {
        let url = folder.appendingPathComponent("summary.json")
        do {
            let configuration = try? Data(contentsOf: folder.appendingPathComponent("config.json"))
            return try SummaryWriter.decode(Data(contentsOf: url), configuration: configuration)
        } catch let error as ReportError {
            throw error
        } catch {
            throw ReportError.unreadable(file: url.path, reason: "\(error)")
        }
    }

    /// Every `stride`-th row of the file; `expectedRows` (the summary's count) sizes the series
    /// once: grown by doubling, 20,000 values took up to 32,768 places, and the old and new
    /// storage both at the moment of growth, when a run's memory is at its highest.
    static func readPoints(_ url: URL, stride: Int, expectedRows: Int) -> Points {
        var points = Points()
        points.stride = stride
        guard var reader = CSVRecordReader(url: url) else { return points }
        points.reserveCapacity((expectedRows + stride - 1) / stride)
        let columns = RequestColumns(reader)
        while reader.next() {
            defer { points.rows += 1 }
            guard points.rows % stride == 0, !reader.field(columns.phase, is: "warmup"),
                let scheduled = reader.double(columns.scheduled),
                let finished = reader.double(columns.finished)
            else { continue }
            let seconds = finished / 1000
            if reader.field(columns.outcome, is: "ok") {
                guard let e2e = reader.double(columns.e2e) else { continue }
                points.seconds.append(seconds)
                points.e2eMs.append(e2e)
                points.ttftMs.append(reader.double(columns.ttft))
                points.figures.append(reader, columns, scheduledMs: scheduled)
            } else {
                points.failedSeconds.append(seconds)
                points.failedMs.append(finished - scheduled)
            }
        }
        return points
    }

    static func readResponses(_ url: URL, limits: Limits) -> [ResponseEntry] {
        guard let lines = try? LineReader(url: url) else { return [] }
        let decoder = JSONDecoder()
        var chosen: [ResponseEntry] = []
        var others: [ResponseEntry] = []
        for line in lines {
            guard var entry = try? decoder.decode(ResponseEntry.self, from: line) else { continue }
            entry.prompt = clip(entry.prompt, limits.responseCharacters)
            entry.response = clip(entry.response, limits.responseCharacters)
            entry.reasoning = clip(entry.reasoning, limits.responseCharacters)
            if entry.outcome == "ok" && entry.phase != "warmup" {
                chosen.append(entry)
                if chosen.count == limits.responses { break }
            } else if others.count < limits.responses {
                others.append(entry)
            }
        }
        return chosen + others.prefix(limits.responses - chosen.count)
    }

    static func clip(_ text: String, _ limit: Int) -> String {
        text.count > limit ? String(text.prefix(limit)) + " …" : text
    }
}
