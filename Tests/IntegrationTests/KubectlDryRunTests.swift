import Foundation
import Testing

/// deploy/kubernetes as a cluster's API reads it (`kubectl apply --dry-run=client`): the field
/// names and types KubernetesManifestTests cannot know. Needs kubectl and a cluster it reaches;
/// skipped, and says so, where there is none.
@Suite(.enabled(if: Kubectl.reachesACluster, Kubectl.missing))
struct KubectlDryRunTests {
    @Test func theManifestsApplyInADryRun() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../deploy/kubernetes").standardized
        let result = try Kubectl.run(["apply", "--dry-run=client", "-f", folder.path])
        #expect(result.status == 0, "\(result.output)")
        for name in ["configmap/llmload-scenario", "persistentvolumeclaim/llmload-results", "job.batch/llmload-shards"]
        {
            #expect(result.output.contains(name), "\(result.output)")
        }
    }
}

enum Kubectl {
    static let missing: Comment =
        "skipped: no Kubernetes cluster here (kubectl is missing or `kubectl version` reaches no server)"

    /// Whether kubectl is installed and its current context answers.
    static let reachesACluster: Bool = (try? run(["version", "--request-timeout=5s"]).status == 0) ?? false

    /// Runs `kubectl` with `arguments`; its standard output and error together.
    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        try ExternalTool.run("kubectl", arguments)
    }
}
