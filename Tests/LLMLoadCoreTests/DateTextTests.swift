import Foundation
import LLMLoadCore
import Testing

/// The C library's date texts are exactly what Foundation's formatters wrote before them.
@Suite struct DateTextTests {
    static let instants: [Double] = [0, 1_800_000_000, 1_711_846_800, 1_730_595_600, 2_000_000_000.75, 951_782_400.999]

    @Test(arguments: instants)
    func iso8601IsFoundationsISO8601Style(seconds: Double) {
        let date = Date(timeIntervalSince1970: seconds)
        #expect(DateText.iso8601(date) == date.formatted(.iso8601))
    }

    /// In the machine's zone; `TZ=America/New_York swift test --filter DateTextTests` checks
    /// another.
    @Test(arguments: instants)
    func compactLocalIsDateFormattersInTheLocalZone(seconds: Double) {
        let date = Date(timeIntervalSince1970: seconds)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone.current
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        #expect(DateText.compactLocal(date) == formatter.string(from: date))
    }

    @Test func aConnectionHostIsEncodedForDNSAndKeepsItsZone() throws {
        #expect(URLComponents(string: "http://127.0.0.1:8080")?.connectionHost == "127.0.0.1")
        #expect(URLComponents(string: "http://bücher.example")?.connectionHost == "xn--bcher-kva.example")
        #expect(URLComponents(string: "http://[fe80::1%25lo]:1")?.connectionHost == "[fe80::1%lo]")
        #expect(URLComponents(string: "file:///tmp")?.connectionHost == "")
    }
}
