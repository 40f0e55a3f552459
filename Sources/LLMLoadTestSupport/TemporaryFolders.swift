import Foundation
import Synchronization

/// Folders the tests write into, removed when the test process exits: a child process's run
/// folder is megabytes (its report), and a test often reads it after the child's object is
/// gone, so neither the object nor the test can remove it sooner.
public enum TemporaryFolders {
    private static let folders = Mutex<[URL]>([])
    private static let removalAtExit: Void = {
        atexit { TemporaryFolders.removeAll() }
    }()

    /// A fresh folder under the temporary folder, removed at exit.
    public static func make(prefix: String) throws -> URL {
        _ = removalAtExit
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        folders.withLock { $0.append(url) }
        return url
    }

    private static func removeAll() {
        for url in folders.withLock({ $0 }) { try? FileManager.default.removeItem(at: url) }
    }
}
