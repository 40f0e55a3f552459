import Foundation

/// Writes to standard error (progress and notices; standard output carries only results).
enum StandardError {
    static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
