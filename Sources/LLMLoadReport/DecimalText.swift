import Foundation

/// Numbers as every output writes them: fixed decimals, a `.` whatever the user's locale.
enum DecimalText {
    private static let posix = Locale(identifier: "en_US_POSIX")

    /// `value` with `places` decimals; `nil` when it is not finite.
    static func format(_ value: Double, places: Int) -> String? {
        value.isFinite ? String(format: "%.\(places)f", locale: posix, value) : nil
    }
}
