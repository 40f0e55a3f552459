import Foundation
import LLMLoadCore
import Testing
import Yams

@testable import LLMLoadCLI

/// deploy/kubernetes parsed as Kubernetes would read it, with the fields llmload relies on
/// checked: an Indexed Job whose N pods each run one shard from the same start, with the
/// scenario from the ConfigMap, the API key from a Secret and the results on the shared volume;
/// and the command line each pod ends up with parsed by llmload itself.
@Suite struct KubernetesManifestTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../deploy/kubernetes")

    func manifest(_ name: String) throws -> [String: Any] {
        let text = try String(contentsOf: Self.folder.appendingPathComponent(name), encoding: .utf8)
        return try #require(try Yams.load(yaml: text) as? [String: Any], "\(name) is not one YAML mapping")
    }

    /// The value at a dotted path of mappings (`spec.template.spec`).
    func value(_ object: Any?, _ path: String) -> Any? {
        path.split(separator: ".").reduce(object) { ($0 as? [String: Any])?[String($1)] }
    }

    func container(_ job: [String: Any]) throws -> [String: Any] {
        let containers = try #require(value(job, "spec.template.spec.containers") as? [[String: Any]])
        #expect(containers.count == 1)
        return try #require(containers.first)
    }

    /// The container's environment: literal values, and the references of the others.
    func environment(_ container: [String: Any]) -> [String: [String: Any]] {
        let entries = container["env"] as? [[String: Any]] ?? []
        return Dictionary(entries.compactMap { entry in (entry["name"] as? String).map { ($0, entry) } }) { a, _ in a }
    }

    @Test func theShardsAreOneIndexedJobOfNPods() throws {
        let job = try manifest("job-shards.yaml")
        #expect(job["kind"] as? String == "Job" && job["apiVersion"] as? String == "batch/v1")
        #expect(value(job, "spec.completionMode") as? String == "Indexed")
        let parallelism = try #require(value(job, "spec.parallelism") as? Int)
        #expect(value(job, "spec.completions") as? Int == parallelism, "every shard runs at once")
        #expect(value(job, "spec.template.spec.restartPolicy") as? String == "Never")
        #expect(value(job, "spec.backoffLimit") as? Int == 0, "a shard retried later would miss the start")
        let env = environment(try container(job))
        #expect(env["SHARDS"]?["value"] as? String == String(parallelism), "N is the number of pods")
        #expect(
            value(env["JOB_COMPLETION_INDEX"], "valueFrom.fieldRef.fieldPath") as? String
                == "metadata.annotations['batch.kubernetes.io/job-completion-index']")
        // One literal in the pod template: every pod gets the same start.
        #expect(env["START_AT"]?["value"] as? String == "__START_AT__" && env["START_AT"]?["valueFrom"] == nil)
        #expect(value(env["OPENAI_API_KEY"], "valueFrom.secretKeyRef.name") as? String == "llmload-api-key")
        #expect(value(env["OPENAI_API_KEY"], "valueFrom.secretKeyRef.key") as? String == "api-key")
    }

    @Test func theScenarioComesFromTheConfigMapAndResultsGoToTheSharedVolume() throws {
        let job = try manifest("job-shards.yaml")
        let configMap = try manifest("configmap.yaml")
        let claim = try manifest("pvc.yaml")
        let volumes = try #require(value(job, "spec.template.spec.volumes") as? [[String: Any]])
        let mounts = try #require(try container(job)["volumeMounts"] as? [[String: Any]])
        func mountPath(ofVolumeWhere matches: ([String: Any]) -> Bool) -> String? {
            let name = volumes.first(where: matches)?["name"] as? String
            return mounts.first { $0["name"] as? String == name }?["mountPath"] as? String
        }
        let configName = try #require(value(configMap, "metadata.name") as? String)
        #expect(mountPath { value($0, "configMap.name") as? String == configName } == "/etc/llmload")
        #expect((configMap["data"] as? [String: Any])?["scenario.yaml"] is String)
        let claimName = try #require(value(claim, "metadata.name") as? String)
        #expect(mountPath { value($0, "persistentVolumeClaim.claimName") as? String == claimName } == "/results")
        #expect((value(claim, "spec.accessModes") as? [String]) == ["ReadWriteMany"])
        let merge = try manifest("job-merge.yaml")
        let mergeVolumes = try #require(value(merge, "spec.template.spec.volumes") as? [[String: Any]])
        #expect(mergeVolumes.contains { value($0, "persistentVolumeClaim.claimName") as? String == claimName })
    }

    /// Each pod's arguments, expanded as Kubernetes expands `$(VAR)`, with the ConfigMap's
    /// scenario: llmload parses them into shard k of N from the common start.
    @Test(arguments: [0, 3])
    func everyPodRunsItsShardFromTheCommonStart(index: Int) throws {
        let job = try manifest("job-shards.yaml")
        let container = try container(job)
        let env = environment(container)
        let startAt = "2030-01-02T03:04:05Z"
        let values = [
            "JOB_COMPLETION_INDEX": String(index), "SHARDS": try #require(env["SHARDS"]?["value"] as? String),
            "START_AT": startAt,
        ]
        let scenario = FileManager.default.temporaryDirectory.appendingPathComponent("llmload-k8s-\(UUID()).yaml")
        defer { try? FileManager.default.removeItem(at: scenario) }
        let configMap = try manifest("configmap.yaml")
        try Data(try #require((configMap["data"] as? [String: String])?["scenario.yaml"]).utf8).write(to: scenario)
        var arguments = try #require(container["args"] as? [String]).map { argument in
            values.reduce(argument) { $0.replacingOccurrences(of: "$(\($1.key))", with: $1.value) }
        }
        #expect(!arguments.contains { $0.contains("$(") }, "every variable is defined: \(arguments)")
        #expect(arguments.first == "run")
        arguments = arguments.map { $0 == "/etc/llmload/scenario.yaml" ? scenario.path : $0 }
        let expanded = try ScenarioFile.expand(arguments)
        let configuration = try RunCommand.parse(Array(expanded.dropFirst())).makeConfiguration(baseURL: nil)
        let coordination = try #require(configuration.load.coordination)
        #expect(coordination.shard == (try Shard(index: index, count: 4)))
        #expect(coordination.startsAt == ISO8601DateFormatter().date(from: startAt))
        #expect(configuration.output.directory == "/results/shards-\(startAt)/shard-\(index)")
    }

    @Test func theMergeJobMergesEveryShardFolderOfTheSameStart() throws {
        let merge = try manifest("job-merge.yaml")
        let container = try container(merge)
        let script = try #require((container["args"] as? [String])?.first)
        #expect(script.contains("llmload merge /results/shards-\"$START_AT\"/shard-*/*"))
        #expect(script.contains("--output /results/merged-\"$START_AT\""))
        #expect(environment(container)["START_AT"]?["value"] as? String == "__START_AT__")
    }
}
