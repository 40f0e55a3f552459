import ArgumentParser
import Foundation

/// A wall-clock instant on the command line (`--start-at`): RFC 3339 with a zone
/// (`2026-12-01T18:00:00Z`, fractions of a second allowed) or seconds since 1970.
struct StartTimeArgument: ExpressibleByArgument {
    let date: Date

    init?(argument: String) {
        if let seconds = Double(argument), seconds.isFinite, seconds > 0 {
            date = Date(timeIntervalSince1970: seconds)
            return
        }
        let format = ISO8601DateFormatter()
        for options: ISO8601DateFormatter.Options in [
            [.withInternetDateTime, .withFractionalSeconds], [.withInternetDateTime],
        ] {
            format.formatOptions = options
            if let date = format.date(from: argument) {
                self.date = date
                return
            }
        }
        return nil
    }

    static var defaultCompletionKind: CompletionKind { .default }
}
