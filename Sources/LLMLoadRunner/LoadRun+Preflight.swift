import LLMLoadBackends
import LLMLoadCore

extension LoadRun {
    /// The pre-flight check, after discovery and before anything else is sent (prompt fitting
    /// sends requests): reads the server's own state, prints the findings as one block, and
    /// with `--strict-preflight` stops the run on a warning.
    ///
    /// With replicas, each is checked, its findings led by its name (`target 2 (http://…): `),
    /// and a closed loop's users are judged per replica: each gets its share of them
    /// (``Preflight/replicaCount``).
    /// - Throws: ``RunError/preflight(_:)`` for a warning under `--strict-preflight`; nothing
    ///   else: a check that cannot be made is a finding.
    func preflight(client: HTTPInferenceClient, target: TargetDiscovery.Target) async throws -> [PreflightFinding] {
        let (urls, headers, language) = (
            configuration.target.baseURLs, configuration.target.headers, configuration.output.language
        )
        // The texts quote the server (model names, error bodies), which may echo the key.
        let redactor = SecretRedactor(secrets: [configuration.target.apiKey])
        var findings: [PreflightFinding] = []
        for (position, baseURL) in urls.enumerated() {
            var checks = Preflight(
                configuration: configuration, model: target.model, sentContextLength: contextLength(for: target.api))
            checks.replicaCount = urls.count
            let found =
                if target.api.isOllama {
                    checks.findings(
                        await ServerStateProbe.ollama(
                            baseURL: baseURL, model: target.model, headers: headers, using: client))
                } else {
                    checks.findings(
                        await ServerStateProbe.openAICompatible(
                            baseURL: baseURL, model: target.model, headers: headers, using: client))
                }
            let (label, labelZh) =
                urls.count > 1
                ? (Self.replicaLabel(position, url: baseURL, .en), Self.replicaLabel(position, url: baseURL, .zh))
                : ("", "")
            findings += found.map {
                PreflightFinding(
                    $0.level, label + redactor.redact($0.text),
                    zh: $0.chineseText.map { labelZh + redactor.redact($0) }
                        ?? (urls.count > 1 ? labelZh + redactor.redact($0.text) : nil))
            }
        }
        for line in Preflight.block(findings, language: language) { notify(line) }
        let warnings = findings.filter { $0.level == .warning }
        if configuration.isStrictPreflight, !warnings.isEmpty {
            throw RunError.preflight(warnings.map { $0.text(language) })
        }
        return findings
    }
}
