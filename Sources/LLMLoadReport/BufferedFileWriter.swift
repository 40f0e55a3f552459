import Foundation

/// Appends bytes to a file through a buffer, flushing when the buffer fills or a second has
/// passed, so records reach the disk during the run without a system call per record.
///
/// A write failure is remembered, not thrown at each call: the run goes on, the other outputs
/// are still written, and the summary reports which file failed.
final class BufferedFileWriter {
    let path: String
    private let handle: FileHandle?
    private var buffer: [UInt8] = []
    private var lastFlush = ContinuousClock.now
    private(set) var failure: String?

    static let capacity = 64 * 1024

    init(url: URL) {
        path = url.path
        if FileManager.default.createFile(atPath: url.path, contents: nil) {
            handle = FileHandle(forWritingAtPath: url.path)
        } else {
            handle = nil
        }
        if handle == nil { failure = "cannot create \(url.path)" }
        buffer.reserveCapacity(Self.capacity)
    }

    func write(_ text: String) {
        guard failure == nil else { return }
        buffer.append(contentsOf: text.utf8)
        flushIfDue()
    }

    /// Writes UTF-8 (or any) bytes as they are.
    func write(_ bytes: [UInt8]) {
        guard failure == nil else { return }
        buffer.append(contentsOf: bytes)
        flushIfDue()
    }

    private func flushIfDue() {
        if buffer.count >= Self.capacity || ContinuousClock.now - lastFlush > .seconds(1) { flush() }
    }

    func flush() {
        lastFlush = ContinuousClock.now
        guard failure == nil, let handle, !buffer.isEmpty else { return }
        do {
            try handle.write(contentsOf: buffer)
        } catch {
            failure = "\(path): \(error.localizedDescription)"
        }
        buffer.removeAll(keepingCapacity: true)
    }

    func close() {
        flush()
        try? handle?.close()
    }
}
