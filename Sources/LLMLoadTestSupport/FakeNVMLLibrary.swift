import Foundation

/// The package's scripted NVML stand-in (the `FakeNVML` product), for tests without a GPU.
public enum FakeNVMLLibrary {
    /// The file name SwiftPM gives the built library on this platform.
    public static let fileName: String = {
        #if os(macOS)
            "libFakeNVML.dylib"
        #else
            "libFakeNVML.so"
        #endif
    }()

    /// The built library: beside the test bundle (the build products folder), else under
    /// this package's `.build/debug`.
    public static func builtLibrary(filePath: String = #filePath) -> URL? {
        var candidates = [Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()]
        if let executable = Bundle.main.executableURL { candidates.append(executable.deletingLastPathComponent()) }
        var folder = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        while folder.path != "/" {
            candidates.append(folder.appendingPathComponent(".build/debug"))
            folder.deleteLastPathComponent()
        }
        return candidates.map { $0.appendingPathComponent(fileName) }
            .first { FileManager.default.fileExists(atPath: $0.path) }
    }

    /// A private copy of the library with `script` beside it (see `Sources/FakeNVML/FakeNVML.c`
    /// for the directives). Each copy is loaded as a library of its own, with its own state,
    /// so tests running at once do not share a script or call counters.
    /// - Returns: the copy's path, to pass as the NVML library path.
    public static func install(script: String) throws -> URL {
        guard let built = builtLibrary() else { throw NotBuilt() }
        let folder = try TemporaryFolders.make(prefix: "fake-nvml")
        let copy = folder.appendingPathComponent(fileName)
        try FileManager.default.copyItem(at: built, to: copy)
        try Data(script.utf8).write(to: URL(fileURLWithPath: copy.path + ".script"))
        return copy
    }

    /// `swift build` has not built the `FakeNVML` product.
    public struct NotBuilt: Error, CustomStringConvertible {
        public var description: String { "\(FakeNVMLLibrary.fileName) not found: run swift build first" }
    }
}
