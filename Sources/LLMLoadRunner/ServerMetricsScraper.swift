import Foundation
import LLMLoadBackends
import LLMLoadCore
import LLMLoadReport

/// Scrapes the server's own metrics for the whole run, in its own task and never on the
/// request path (STYLE C10): Prometheus `/metrics` (vLLM, llama.cpp, SGLang, TGI) or, for
/// Ollama, `GET /api/ps`, at the monitor's instants. Every scrape goes raw to
/// `server_metrics.jsonl` and, reduced to the curated figures, to the summary.
///
/// A scrape that fails is a line in the file and a count, never an error of the run.
package struct ServerMetricsScraper: Sendable {
    enum Source: Sendable, Equatable {
        case prometheus
        case ollama
    }

    package let url: String
    let source: Source
    let model: String
    /// The target's headers (its API key): sent only to the target itself.
    package let headers: [(String, String)]
    let interval: Duration
    /// Whether a first answer that is not HTTP 200 ends the scraping (`auto`: the server
    /// may simply not serve metrics, so it is asked once, not every interval).
    let stopsOnFirstRefusal: Bool

    /// What the scraper saw, for the summary.
    struct Outcome: Sendable {
        var samples: [ServerMetricsSample] = []
        var reader = ServerMetricsReader()
        var scrapes = 0
        var failures = 0
        /// The first failure's reason.
        var failure: String?
        /// Why the scraper stopped before the run ended, if it did.
        var stoppedBecause: String?
        /// Why `server_metrics.jsonl` could not be written, if it could not.
        var writeFailure: String?
    }

    /// The scraper `configuration` asks for, or `nil` when it is off.
    package static func make(
        _ configuration: RunConfiguration, api: APIKind, model: String, interval: Duration
    ) -> ServerMetricsScraper? {
        let base = configuration.target.baseURL
        let (url, source, stops): (String, Source, Bool)
        switch configuration.monitor.serverMetrics {
        case .off: return nil
        case .url(let given): (url, source, stops) = (given, .prometheus, false)
        case .auto:
            (url, source, stops) =
                api.isOllama ? (base + "/api/ps", .ollama, true) : (base + "/metrics", .prometheus, true)
        }
        // A given URL on another host (a Prometheus in front, an exporter) must not get the
        // target's API key.
        let headers = Self.origin(of: url) == Self.origin(of: base) ? configuration.target.headers : []
        return ServerMetricsScraper(
            url: url, source: source, model: model, headers: headers, interval: interval, stopsOnFirstRefusal: stops)
    }

    /// Scheme, host and port of `url`, lowercased; `nil` when it has no host.
    private static func origin(of url: String) -> String? {
        guard let components = URLComponents(string: url), let host = components.connectionHost?.lowercased() else {
            return nil
        }
        let scheme = components.scheme?.lowercased() ?? "http"
        return "\(scheme)://\(host):\(components.port ?? (scheme == "https" ? 443 : 80))"
    }

    /// Scrapes at `origin + k × interval` until cancelled, writing each answer to `file`
    /// (`server_metrics.jsonl`), which this task alone owns.
    func run(client: HTTPInferenceClient, file fileURL: URL, origin: ContinuousClock.Instant) async -> Outcome {
        let file = ServerMetricsWriter(url: fileURL)
        var outcome = Outcome()
        var deadline = origin.advanced(by: interval)
        let timeout = max(interval, .seconds(1))
        while !Task.isCancelled {
            do {
                try await Task.sleep(until: deadline, clock: .continuous)
            } catch {
                break
            }
            let sentAt = ContinuousClock.now
            let answer: (status: Int, text: String)
            do {
                let read = try await client.get(url, headers: headers, timeout: timeout, limit: 16 << 20)
                answer = (read.status, String(decoding: read.body.readableBytesView, as: UTF8.self))
            } catch {
                // Cancelled at the run's end: not a failure of the server.
                if Task.isCancelled { break }
                note(failure: "GET \(url): \(HTTPInferenceClient.describe(error))", at: sentAt, origin, &outcome, file)
                deadline = next(after: deadline)
                continue
            }
            let tS = ((sentAt - origin) + (ContinuousClock.now - sentAt) / 2).seconds
            guard answer.status == 200 else {
                note(failure: "GET \(url) answered HTTP \(answer.status)", at: sentAt, origin, &outcome, file)
                if stopsOnFirstRefusal && outcome.scrapes == 0 {
                    outcome.stoppedBecause = outcome.failure
                    break
                }
                deadline = next(after: deadline)
                continue
            }
            outcome.scrapes += 1
            let text = answer.text
            switch source {
            case .prometheus:
                let page = PrometheusText(text)
                file.write(tS: tS, metrics: page.samples.map(Self.metric))
                outcome.samples.append(outcome.reader.read(page, atSeconds: tS))
            case .ollama:
                let models = OllamaRunningModel.list(json: Data(text.utf8)) ?? []
                file.write(tS: tS, metrics: models.flatMap(Self.metrics))
                outcome.samples.append(outcome.reader.read(ollama: models, model: model, atSeconds: tS))
            }
            deadline = next(after: deadline)
        }
        file.close()
        outcome.writeFailure = file.failure
        return outcome
    }

    /// The next instant after `deadline`, skipping those already past (a slow scrape).
    private func next(after deadline: ContinuousClock.Instant) -> ContinuousClock.Instant {
        var deadline = deadline.advanced(by: interval)
        while deadline < .now { deadline = deadline.advanced(by: interval) }
        return deadline
    }

    private func note(
        failure: String, at sentAt: ContinuousClock.Instant, _ origin: ContinuousClock.Instant,
        _ outcome: inout Outcome, _ file: ServerMetricsWriter
    ) {
        outcome.failures += 1
        outcome.failure = outcome.failure ?? failure
        file.write(tS: (sentAt - origin).seconds, error: failure)
    }

    private static func metric(_ sample: PrometheusText.Sample) -> ServerMetricsWriter.Metric {
        .init(name: sample.name, labels: sample.labels.map { ($0.name, $0.value) }, value: sample.value)
    }

    /// Ollama's models as metrics, so the file has one shape whatever the server.
    private static func metrics(_ model: OllamaRunningModel) -> [ServerMetricsWriter.Metric] {
        let labels = [(name: "model", value: model.name)]
        return [
            .init(name: "ollama_model_size_bytes", labels: labels, value: Double(model.sizeBytes)),
            .init(name: "ollama_model_vram_bytes", labels: labels, value: Double(model.vramBytes)),
        ]
    }
}
