import Foundation
import LLMLoadCore

/// Reads run folders written before the run description existed (`schema_version` 1), by
/// rewriting their JSON into the current layout before it is decoded: `config.json` becomes the
/// description, which replaces `summary.json`'s own `tool`, `target` and `load`. One decoder
/// then serves every version, and the mapping below is the table in `docs/results-schema.md`.
public enum SchemaVersion1 {
    /// The schema this type reads.
    public static let version = 1

    /// `summary.json` of schema 1, with its folder's `config.json`, in the current layout.
    /// - Throws: ``ReportError/unsupportedSchema(file:found:reason:)`` when `configuration` is
    ///   missing or not a schema-1 `config.json`: the summary alone lacks the request settings.
    public static func upgrade(summary: [String: Any], configuration: [String: Any]?) throws -> [String: Any] {
        guard let configuration, configuration["tool_version"] is String, configuration["target"] is [String: Any]
        else {
            throw ReportError.unsupportedSchema(
                file: "summary.json", found: version,
                reason: "a schema-1 folder is read with its config.json, which is missing or unreadable here")
        }
        var upgraded = summary
        // Settings now live only in the description; the mean offered rate is derived from it.
        for key in ["tool", "target", "load"] { upgraded[key] = nil }
        if var input = upgraded["input_tokens"] as? [String: Any] {
            input["calibration"] = nil
            upgraded["input_tokens"] = input
        }
        var description = description(configuration)
        // Schema 1 wrote the goodput bounds in the summary: they are the description's objectives.
        if var goodput = upgraded["goodput"] as? [String: Any] {
            let bounds = ["ttft_ms", "tpot_ms", "e2e_ms"]
            let objectives = goodput.filter { bounds.contains($0.key) && !($0.value is NSNull) }
            if description["objectives"] == nil && !objectives.isEmpty { description["objectives"] = objectives }
            for key in bounds { goodput[key] = nil }
            upgraded["goodput"] = goodput
        }
        upgraded["run_description"] = description
        upgraded["schema_version"] = RunDescription.currentSchemaVersion
        return upgraded
    }

    /// A schema-1 `config.json` in the current layout.
    public static func description(_ old: [String: Any]) -> [String: Any] {
        var new = old
        new["tool"] = ["name": old["tool"] as? String ?? "llmload", "version": old["tool_version"] ?? ""]
        new["tool_version"] = nil
        var output: [String: Any] = ["folder": old["output_folder"] ?? ""]
        output["label"] = old["label"]
        new["output"] = output
        new["output_folder"] = nil
        new["label"] = nil
        if var load = old["load"] as? [String: Any], let pattern = load["pattern"] as? String,
            let ramp = ramp(pattern)
        {
            // Schema 1 wrote a ramp's highest rate as `rate_per_s`; its rates are now its own.
            load["rate_per_s"] = nil
            load["ramp"] = ramp
            new["load"] = load
        }
        if var calibration = old["input_calibration"] as? [String: Any] {
            // The num_ctx sent is requests.num_ctx.
            calibration["context_length"] = nil
            new["input_calibration"] = calibration
        }
        new["schema_version"] = RunDescription.currentSchemaVersion
        return new
    }

    /// `ramp@10.00-500.00/60s` as `{start_rate_per_s, end_rate_per_s, ramp_s}`.
    static func ramp(_ pattern: String) -> [String: Double]? {
        guard pattern.hasPrefix("ramp@"), let ramp = RateRamp(description: String(pattern.dropFirst("ramp@".count)))
        else { return nil }
        return [
            "start_rate_per_s": ramp.startPerSecond, "end_rate_per_s": ramp.endPerSecond, "ramp_s": ramp.span.seconds,
        ]
    }
}
