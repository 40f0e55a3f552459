import Foundation
import LLMLoadCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The folder one run writes into: `<base>/<yyyyMMdd-HHmmss>-<model>[-<label>]`, with a name
/// that is safe on every file system.
public struct RunFolder: Sendable {
    public let url: URL

    /// An existing folder (to read a run back, or to write into one made elsewhere).
    public init(url: URL) { self.url = url }

    public func file(_ name: String) -> URL { url.appendingPathComponent(name) }

    /// Checks that `base` can be created and written, without leaving anything behind but the
    /// folder itself. Call before any load is sent.
    /// - Throws: ``ReportError/unwritable(path:reason:)``.
    public static func checkWritable(base: URL) throws {
        try checkWritable(
            base: base,
            probeName:
                ".llmload-write-check-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: .min ... .max))")
    }

    /// The check with a given probe file name. The probe is created exclusively and never
    /// through a symbolic link (`O_CREAT | O_EXCL | O_NOFOLLOW`): a file or link planted under
    /// its name in a shared folder is neither followed nor truncated; the check fails instead.
    static func checkWritable(base: URL, probeName: String) throws {
        let probe = base.appendingPathComponent(probeName)
        do {
            try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        } catch {
            throw ReportError.unwritable(path: base.path, reason: Self.reason(error))
        }
        let descriptor = open(probe.path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw ReportError.unwritable(path: base.path, reason: String(cString: strerror(errno)))
        }
        close(descriptor)
        unlink(probe.path)
    }

    /// Creates a new, uniquely named run folder under `base`.
    public static func create(base: URL, model: String, label: String?, startedAt: Date) throws -> RunFolder {
        let parts = [DateText.compactLocal(startedAt), safeName(model), label.map(safeName)].compactMap { $0 }
        let name = parts.filter { !$0.isEmpty }.joined(separator: "-")
        do {
            try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        } catch {
            throw ReportError.unwritable(path: base.path, reason: reason(error))
        }
        for attempt in 1...1000 {
            let candidate = base.appendingPathComponent(attempt == 1 ? name : "\(name)-\(attempt)")
            do {
                try FileManager.default.createDirectory(at: candidate, withIntermediateDirectories: false)
                return RunFolder(url: candidate)
            } catch CocoaError.fileWriteFileExists {
                continue
            } catch {
                if FileManager.default.fileExists(atPath: candidate.path) { continue }
                throw ReportError.unwritable(path: candidate.path, reason: reason(error))
            }
        }
        throw ReportError.unwritable(path: base.path, reason: "too many runs with the same name")
    }

    /// `text` with every character outside `[A-Za-z0-9._-]` replaced by `_` (so
    /// `deepseek-r1:1.5b` becomes `deepseek-r1_1.5b`), at most 64 characters.
    public static func safeName(_ text: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")
        let mapped = String(text.map { allowed.contains($0) ? $0 : "_" }.prefix(64))
        return mapped.trimmingCharacters(in: CharacterSet(charactersIn: "."))
    }

    static func reason(_ error: any Error) -> String {
        if let error = error as? CocoaError, let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError,
            underlying.domain == NSPOSIXErrorDomain
        {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return (error as NSError).localizedDescription
    }
}

/// Failures to write a run's outputs.
public enum ReportError: Error, CustomStringConvertible {
    case unwritable(path: String, reason: String)
    case writeFailed(file: String, reason: String)
    case unreadable(file: String, reason: String)
    /// A results file whose `schema_version` this version cannot read.
    case unsupportedSchema(file: String, found: Int, reason: String)

    public var description: String {
        switch self {
        case .unwritable(let path, let reason): "cannot write to output folder \(path): \(reason)"
        case .writeFailed(let file, let reason): "could not write \(file): \(reason)"
        case .unreadable(let file, let reason): "cannot read \(file): \(reason)"
        case .unsupportedSchema(let file, let found, let reason):
            "cannot read \(file) of schema_version \(found): \(reason)"
        }
    }
}
