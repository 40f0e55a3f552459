import LLMLoadBackends
import LLMLoadCore
import LLMLoadMetrics

extension LoadRun {
    /// Discovers every replica (`--url` given more than once) before any load: each must answer,
    /// and all must serve the same API and model, or the run stops naming the replica that
    /// differs. The first replica's findings are the run's; the others are asked for its model
    /// when none was given, so a replica listing several models is not refused for that alone.
    /// - Returns: what the first replica said, and every replica's server version, in order.
    /// - Throws: ``RunError/target(_:)`` naming the replica.
    func discoverTargets(
        client: HTTPInferenceClient, redactor: SecretRedactor
    ) async throws -> (target: TargetDiscovery.Target, versions: [String?]) {
        let (urls, language) = (configuration.target.baseURLs, configuration.output.language)
        var first: TargetDiscovery.Target?
        var versions: [String?] = []
        for (position, url) in urls.enumerated() {
            let label = urls.count > 1 ? Self.replicaLabel(position, url: url, language) : ""
            let found: TargetDiscovery.Target
            do {
                found = try await TargetDiscovery.discover(
                    baseURL: url, api: configuration.target.api, model: configuration.target.model ?? first?.model,
                    headers: configuration.target.headers, using: client)
            } catch let error as TargetError {
                throw RunError.target(redactor.redact(label + error.text(language)))
            }
            if let first, found.api != first.api || found.model != first.model {
                let (name, other) = (
                    "\(found.api.rawValue), model \(found.model)", "\(first.api.rawValue), model \(first.model)"
                )
                throw RunError.target(
                    redactor.redact(
                        language == .zh
                            ? "\(label)提供 \(name)，而目标 1（\(urls[0])）提供 \(other)：各副本必须提供相同的 API 和模型"
                            : "\(label)serves \(name), but target 1 (\(urls[0])) serves \(other): replicas must serve the same API and model"
                    ))
            }
            first = first ?? found
            versions.append(found.serverVersion)
        }
        guard let first else { preconditionFailure("a run has a target") }
        return (first, versions)
    }

    /// How a replica is named in messages and findings: `target 2 (http://…): `.
    static func replicaLabel(_ position: Int, url: String, _ language: ReportLanguage) -> String {
        language == .zh ? "目标 \(position + 1)（\(url)）：" : "target \(position + 1) (\(url)): "
    }

    /// Every replica's figures, from its own aggregator, over the run's window; `nil` for one server.
    func targetFigures(_ byTarget: [Aggregator], summary: RunSummary) -> [RunSummary.TargetFigures]? {
        guard !byTarget.isEmpty else { return nil }
        return zip(configuration.target.baseURLs, byTarget).enumerated().map { position, pair in
            RunSummary.TargetFigures(
                number: position + 1, url: pair.0, aggregator: pair.1, runDescription: summary.runDescription,
                run: summary.run)
        }
    }
}
