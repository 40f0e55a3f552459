import Foundation
import LLMLoadRunner
import Testing

/// The repository's Dockerfile builds an image whose llmload runs (deploy/kubernetes uses it).
/// Needs a Docker engine; skipped, and says so, where there is none.
@Suite(.enabled(if: DockerEngine.isAvailable, DockerEngine.missing))
struct DockerImageTests {
    @Test(.timeLimit(.minutes(60))) func theImageBuildsAndItsLLMLoadRuns() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..")
            .standardized
        let tag = "llmload-test:\(UUID().uuidString.lowercased().prefix(8))"
        defer { _ = try? DockerEngine.run(["image", "rm", "--force", tag]) }
        let build = try DockerEngine.run(["build", "--tag", tag, root.path])
        #expect(build.status == 0, "docker build failed: \(build.output.suffix(4000))")
        let version = try DockerEngine.run(["run", "--rm", tag, "--version"])
        #expect(version.status == 0 && version.output.contains(LoadRun.toolVersion), "\(version.output)")
        // The report's assets travelled beside the executable: a simulated run renders its report.
        let run = try DockerEngine.run([
            "run", "--rm", "--entrypoint", "/bin/sh", tag, "-c",
            "llmload run --simulate --qps 5 --duration 1 --quiet && ls /results/results/*/report.html",
        ])
        #expect(run.status == 0, "\(run.output.suffix(4000))")
    }
}

enum DockerEngine {
    static let missing: Comment =
        "skipped: no Docker engine here (`docker info` failed or docker is not installed); the image is built where one is"

    /// Whether `docker info` answers: a client alone, without a daemon, cannot build.
    static let isAvailable: Bool = (try? run(["info"]).status == 0) ?? false

    /// Runs `docker` with `arguments`; its standard output and error together.
    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        try ExternalTool.run("docker", arguments)
    }
}
