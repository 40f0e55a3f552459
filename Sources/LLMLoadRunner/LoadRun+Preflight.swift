import LLMLoadBackends
import LLMLoadCore

extension LoadRun {
    /// The pre-flight check, after discovery and before anything else is sent (prompt fitting
    /// sends requests): reads the server's own state, prints the findings as one block, and
    /// with `--strict-preflight` stops the run on a warning.
    /// - Throws: ``RunError/preflight(_:)`` for a warning under `--strict-preflight`; nothing
    ///   else: a check that cannot be made is a finding.
    func preflight(client: HTTPInferenceClient, target: TargetDiscovery.Target) async throws -> [PreflightFinding] {
        let (baseURL, headers) = (configuration.target.baseURL, configuration.target.headers)
        let checks = Preflight(
            configuration: configuration, model: target.model, sentContextLength: contextLength(for: target.api))
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
        // The texts quote the server (model names, error bodies), which may echo the key.
        let redactor = SecretRedactor(secrets: [configuration.target.apiKey])
        let findings = found.map {
            PreflightFinding($0.level, redactor.redact($0.text), zh: $0.chineseText.map(redactor.redact))
        }
        for line in Preflight.block(findings, language: configuration.output.language) { notify(line) }
        let warnings = findings.filter { $0.level == .warning }
        if configuration.isStrictPreflight, !warnings.isEmpty {
            throw RunError.preflight(warnings.map { $0.text(configuration.output.language) })
        }
        return findings
    }
}
