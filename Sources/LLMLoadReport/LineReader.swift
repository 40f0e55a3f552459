import Foundation

/// Reads a file line by line in 64 KB chunks, so a report over a million-line
/// `responses.jsonl` never loads the whole file.
struct LineReader: Sequence, IteratorProtocol {
    private let handle: FileHandle
    private var buffer = Data()
    private var isAtEnd = false

    init(url: URL) throws {
        handle = try FileHandle(forReadingFrom: url)
    }

    mutating func next() -> Data? {
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = buffer[buffer.startIndex..<newline]
                buffer = buffer[(newline + 1)...]
                return Data(line)
            }
            if isAtEnd {
                guard !buffer.isEmpty else {
                    try? handle.close()
                    return nil
                }
                defer { buffer = Data() }
                return Data(buffer)
            }
            let chunk = (try? handle.read(upToCount: 64 * 1024)) ?? nil
            if let chunk, !chunk.isEmpty { buffer.append(chunk) } else { isAtEnd = true }
        }
    }
}
