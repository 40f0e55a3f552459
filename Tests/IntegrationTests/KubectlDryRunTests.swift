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
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["kubectl"] + arguments
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("llmload-kubectl-\(UUID()).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: log) }
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try? handle.close()
        return (process.terminationStatus, (try? String(contentsOf: log, encoding: .utf8)) ?? "")
    }
}
