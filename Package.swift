// swift-tools-version:6.1
import PackageDescription

/// Every module carries the `LLMLoad` prefix so none collides with a dependency's module
/// (`Metrics`, `Histogram`, `Logging` and `Configuration` are all taken).
let package = Package(
    name: "llmload",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "llmload", targets: ["llmload"]),
        .executable(name: "llmload-bench", targets: ["llmload-bench"]),
        // A scripted stand-in for libnvidia-ml.so.1, loaded by tests through LLMLOAD_NVML_PATH.
        .library(name: "FakeNVML", type: .dynamic, targets: ["FakeNVML"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.29.0"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.24.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.25.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.10.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.1.3"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.0"),
    ],
    targets: [
        .target(name: "LLMLoadCore"),
        .target(
            name: "LLMLoadBackends",
            dependencies: [
                "LLMLoadCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(name: "LLMLoadScheduler", dependencies: ["LLMLoadCore"]),
        .target(name: "LLMLoadWorkload", dependencies: ["LLMLoadCore"]),
        .target(name: "CNVML"),
        .target(name: "FakeNVML"),
        .target(name: "LLMLoadMonitor", dependencies: ["LLMLoadCore", "CNVML"]),
        .target(
            name: "LLMLoadMetrics",
            dependencies: [
                "LLMLoadCore",
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ]
        ),
        .target(
            name: "LLMLoadReport",
            dependencies: [
                "LLMLoadCore",
                "LLMLoadMetrics",
                .product(name: "CSV", package: "CSV.swift"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            resources: [
                .copy("Resources/plotly.min.js"), .copy("Resources/plotly-LICENSE.txt"),
                .copy("Resources/report.mustache"), .copy("Resources/report.js"), .copy("Resources/report-requests.js"),
                .copy("Resources/report.css"),
                .copy("Resources/charts.js"), .copy("Resources/sweep-report.mustache"),
                .copy("Resources/sweep-report.js"), .copy("Resources/compare.mustache"), .copy("Resources/compare.js"),
            ]
        ),
        .target(
            name: "LLMLoadRunner",
            dependencies: [
                "LLMLoadCore",
                "LLMLoadBackends",
                "LLMLoadScheduler",
                "LLMLoadWorkload",
                "LLMLoadMetrics",
                "LLMLoadReport",
                "LLMLoadMonitor",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "LLMLoadSimulator",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HeapModule", package: "swift-collections"),
            ]
        ),
        .target(
            name: "LLMLoadCLI",
            dependencies: [
                "LLMLoadCore",
                "LLMLoadRunner",
                "LLMLoadSimulator",
                "LLMLoadScheduler",
                "LLMLoadReport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(name: "llmload", dependencies: ["LLMLoadCLI"]),
        // `scripts/bench.sh`'s in-process figures: decoder MB/s and requests.csv rows/s.
        .executableTarget(
            name: "llmload-bench",
            dependencies: [
                "LLMLoadBackends", "LLMLoadCore", "LLMLoadMetrics", "LLMLoadReport",
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        // The properties `scripts/fuzz.sh`'s targets check, shared with the corpus replay test.
        .target(
            name: "LLMLoadFuzzChecks",
            dependencies: [
                "LLMLoadBackends", "LLMLoadCore", "LLMLoadMonitor", "LLMLoadWorkload",
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        .target(
            name: "LLMLoadTestSupport",
            dependencies: [
                "LLMLoadCore",
                "LLMLoadMetrics",
                "LLMLoadReport",
                "LLMLoadSimulator",
                .product(name: "CSV", package: "CSV.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        .testTarget(
            name: "LLMLoadBackendsTests",
            dependencies: [
                "LLMLoadBackends", "LLMLoadCore", "LLMLoadFuzzChecks", .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"), .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            resources: [.copy("Fixtures"), .copy("TLS")]
        ),
        .testTarget(name: "LLMLoadCoreTests", dependencies: ["LLMLoadCore"]),
        .testTarget(name: "LLMLoadWorkloadTests", dependencies: ["LLMLoadWorkload", "LLMLoadCore", "LLMLoadTestSupport"]),
        .testTarget(name: "LLMLoadSchedulerTests", dependencies: ["LLMLoadScheduler", "LLMLoadCore", "LLMLoadTestSupport"]),
        .testTarget(
            name: "LLMLoadMonitorTests",
            dependencies: ["LLMLoadMonitor", "LLMLoadCore", "LLMLoadTestSupport"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "LLMLoadMetricsTests", dependencies: ["LLMLoadMetrics", "LLMLoadCore", "LLMLoadTestSupport"]),
        .testTarget(
            name: "LLMLoadReportTests",
            dependencies: [
                "LLMLoadReport", "LLMLoadMetrics", "LLMLoadCore", "LLMLoadTestSupport",
                .product(name: "CSV", package: "CSV.swift"),
            ]
        ),
        .testTarget(
            name: "LLMLoadSimulatorTests",
            dependencies: [
                "LLMLoadSimulator", "LLMLoadTestSupport", "LLMLoadCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
        .testTarget(
            name: "IntegrationTests",
            dependencies: [
                "LLMLoadRunner", "LLMLoadSimulator", "LLMLoadTestSupport", "LLMLoadReport", "LLMLoadBackends",
                "LLMLoadCore", "LLMLoadMetrics", "LLMLoadScheduler",
            ]
        ),
        .testTarget(
            name: "CLITests",
            dependencies: ["LLMLoadCLI", "LLMLoadTestSupport", .product(name: "Yams", package: "Yams")]
        ),
        .testTarget(name: "LLMLoadFuzzChecksTests", dependencies: ["LLMLoadFuzzChecks", "LLMLoadCLI"]),
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "LLMLoadRunner", "LLMLoadCore", "LLMLoadMetrics", "LLMLoadTestSupport",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)

// `scripts/fuzz.sh` sets LLMLOAD_FUZZ=1 to add one libFuzzer executable per parser (`Fuzz/`) and
// to instrument the modules under test for coverage. Only those modules and the ones that
// import them recompile: every dependency's objects come from the ordinary debug build, which a
// package-wide `-Xswiftc -sanitize=fuzzer` would rebuild (8–10 minutes on two cores).
// An ordinary build does not see any of this. Built in this mode, the instrumented modules need
// the fuzzer runtime, so build only the `llmload-fuzz-*` products (as the script does).
if Context.environment["LLMLOAD_FUZZ"] == "1" {
    let fuzzer: [SwiftSetting] = [.unsafeFlags(["-sanitize=fuzzer"])]
    let underTest: Set = ["LLMLoadBackends", "LLMLoadWorkload", "LLMLoadMonitor", "LLMLoadCLI"]
    for target in package.targets where underTest.contains(target.name) {
        target.swiftSettings = (target.swiftSettings ?? []) + fuzzer
    }
    // libFuzzer's `LLVMFuzzerRunDriver`, declared for Swift; the runtime itself is linked by
    // `-sanitize=fuzzer`.
    package.targets.append(.target(name: "CLibFuzzer", path: "Fuzz/CLibFuzzer"))
    let fuzzTargets: [(name: String, dependencies: [Target.Dependency])] = [
        ("sse", []), ("ndjson", []), ("chunk", []), ("prompt-file", []), ("proc", []), ("scenario", ["LLMLoadCLI"]),
        ("prometheus", []), ("trace", []), ("http", []),
    ]
    for (name, dependencies) in fuzzTargets {
        package.targets.append(
            .executableTarget(
                name: "llmload-fuzz-\(name)",
                dependencies: ["CLibFuzzer", "LLMLoadFuzzChecks"] + dependencies,
                path: "Fuzz/Targets/\(name)",
                swiftSettings: fuzzer,
                linkerSettings: [.unsafeFlags(["-sanitize=fuzzer"])]
            )
        )
    }
}
