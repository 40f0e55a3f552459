import Foundation
import LLMLoadCore
import LLMLoadMetrics
import Mustache

/// Renders `report.html`: one self-contained file (Plotly, style, script and data inlined) that
/// opens offline. Every text from the run (responses, errors, model names) goes through the
/// template's HTML escaping; the chart data is JSON with `<` escaped, so no text can end a
/// script element.
public enum ReportRenderer {
    /// Reads `folder` and writes `report.html` (or `output`) there.
    /// - Returns: where the report was written.
    @discardableResult
    public static func render(
        folder: URL, language: ReportLanguage, summary: RunSummary? = nil, output: URL? = nil,
        limits: ReportInput.Limits = .init()
    ) throws -> URL {
        let input = try ReportInput.load(folder: folder, summary: summary, limits: limits)
        let page = try page(input, language: language, pointLimit: limits.points)
        let destination = output ?? folder.appendingPathComponent("report.html")
        try page.save(to: destination)
        return destination
    }

    /// The page for `input`, whole.
    public static func render(_ input: ReportInput, language: ReportLanguage, pointLimit: Int) throws -> String {
        let page = try page(input, language: language, pointLimit: pointLimit)
        return String(decoding: try page.bytes(), as: UTF8.self)
    }

    /// The page for `input`, in the parts around Plotly: the template is rendered with a marker
    /// where Plotly goes, so Plotly's bytes are written to the file as they are.
    static func page(_ input: ReportInput, language: ReportLanguage, pointLimit: Int) throws -> ReportPage {
        let assets = try ReportAssets.load()
        return try ReportPage(
            template: assets.template, script: assets.script, context: context(input, language: language),
            data: ReportChartData(input: input, language: language, pointLimit: pointLimit), assets: assets)
    }

    static func context(_ input: ReportInput, language: ReportLanguage) -> [String: Any] {
        let s = input.summary
        let detected = RunWarning.detect(in: s)
        // The saturation warning is the banner, not one line among the others.
        let warnings = detected.filter { !$0.isClientSaturation }.map { $0.text(language) }
        let saturation = detected.first(where: \.isClientSaturation)?.text(language)
        var context: [String: Any] = [
            "lang": language == .zh ? "zh-CN" : "en",
            "t": ReportText.labels(language),
            "toolVersion": s.runDescription.tool.version,
            "model": s.runDescription.target.model,
            "api": s.runDescription.target.api,
            "loadProfile":
                "\(s.runDescription.load.pattern) · \(FigureText.number(s.runDescription.load.durationS, 0)) s",
            "facts": ReportTables.facts(s, language),
            "insecure": !s.runDescription.target.tlsVerified,
            "interrupted": s.run.interrupted,
            "clientSaturated": saturation != nil,
            "clientSaturation": saturation ?? "",
            "hasWarnings": !warnings.isEmpty,
            "warnings": warnings,
            "cards": ReportTables.cards(s, language),
            "percentiles": ReportTables.percentiles(s.latency, language),
            "population": s.latency.population,
            "hasErrors": !s.errors.isEmpty,
            "errors": ReportTables.errors(s),
            "responses": input.responses.map { responseRow($0) },
            "hasGPUs": !(s.resources?.wholeRun.gpus ?? []).isEmpty,
        ]
        if let resources = s.resources, !resources.samples.isEmpty {
            let rows = ReportTables.resources(resources, language)
            context["resourceRows"] = rows
            context["hasResourceRows"] = !rows.isEmpty
            if let note = resources.gpuNote { context["resourceNote"] = note }
        } else {
            context["resourceNote"] = ReportText.label("no_resources", language)
        }
        if let server = s.serverMetrics {
            context["serverMetricsNote"] =
                ReportText.label("server_metrics", language) + ": " + ServerMetricsText.line(server)
        }
        if let findings = s.runDescription.preflight, !findings.isEmpty {
            context["preflight"] = ReportTables.preflight(findings, language)
            context["hasPreflight"] = true
        }
        let targets = ReportTables.targets(s)
        if !targets.isEmpty {
            context["targets"] = targets
            context["hasTargets"] = true
        }
        if let merge = s.merge {
            context["shards"] = ReportTables.shards(merge, language)
            context["shardsNote"] = ReportTables.shardsNote(merge, language)
            context["hasShards"] = true
        }
        if s.errorsNotListed > 0 { context["errorsNotListed"] = String(s.errorsNotListed) }
        return context
    }

    static func responseRow(_ e: ResponseEntry) -> [String: Any] {
        var meta = "#\(e.index) · \(e.outcome)"
        if let status = e.httpStatus { meta += " · HTTP \(status)" }
        if let ttft = e.ttftMs { meta += " · TTFT \(FigureText.number(ttft, 1)) ms" }
        if let e2e = e.e2eMs { meta += " · E2E \(FigureText.number(e2e, 1)) ms" }
        if let tokens = e.outputTokens { meta += " · \(tokens) tokens" }
        if let reason = e.finishReason { meta += " · \(reason)" }
        var row: [String: Any] = ["meta": meta, "prompt": e.prompt, "failed": e.outcome != "ok"]
        // Empty sections are left out: only present keys open a `{{#…}}` block.
        if !e.reasoning.isEmpty { row["reasoning"] = e.reasoning }
        if !e.response.isEmpty { row["response"] = e.response }
        if let error = e.error, !error.isEmpty { row["error"] = error }
        return row
    }

    /// JSON that can sit inside `<script>`: `<` is written as `\u003c`, so neither `</script>`
    /// nor `<!--` can appear in it. ``NumberColumn``s in `value` are written here, not by
    /// `JSONEncoder`.
    static func scriptSafeJSON(_ value: some Encodable) throws -> String {
        String(decoding: try scriptSafeJSONBytes(value), as: UTF8.self)
    }

    /// ``scriptSafeJSON(_:)`` as UTF-8 bytes, as a page writes them.
    static func scriptSafeJSONBytes(_ value: some Encodable) throws -> [UInt8] {
        let columns = NumberColumn.Columns()
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN"
        )
        // Keys in order, so that the same run always gives the same page (two renders differed).
        encoder.outputFormatting = [.sortedKeys]
        encoder.userInfo[NumberColumn.Columns.key] = columns
        let json = try encoder.encode(value)
        let marker = columns.marker
        var safe: [UInt8] = []
        safe.reserveCapacity(json.count + 64 + columns.count * 12)
        // "<" never occurs inside a multi-byte UTF-8 sequence, so the bytes can be scanned as
        // they are: Foundation's `replacingOccurrences` took 8 % of `llmload report`.
        json.withUnsafeBytes { bytes in
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\""), !columns.lists.isEmpty, bytes.count - index > marker.count,
                    marker.indices.allSatisfy({ bytes[index + $0] == marker[$0] })
                {
                    // `"<nonce>:<k>"`: column k.
                    var end = index + marker.count
                    var column = 0
                    while bytes[end] != UInt8(ascii: "\"") {
                        column = column * 10 + Int(bytes[end] &- UInt8(ascii: "0"))
                        end += 1
                    }
                    NumberColumn.write(columns.lists[column], to: &safe)
                    index = end + 1
                    continue
                }
                if byte == UInt8(ascii: "<") {
                    safe.append(contentsOf: "\\u003c".utf8)
                } else {
                    safe.append(byte)
                }
                index += 1
            }
        }
        return safe
    }
}
