import LLMLoadBackends
import LLMLoadCore

/// One input as a `/metrics` page: the parser never traps, reads each line on its own (the
/// page read whole gives the samples of its lines read one by one), gives only well-formed
/// names, and the curated figures it leads to are finite.
public enum PrometheusTextCheck {
    /// Throws when the parser or the curated figures break a property.
    public static func check(_ bytes: [UInt8]) throws(FuzzFinding) {
        let text = String(decoding: bytes, as: UTF8.self)
        let page = PrometheusText(text)
        var lineByLine: [PrometheusText.Sample] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineByLine += PrometheusText(String(line)).samples
        }
        guard same(page.samples, lineByLine) else {
            throw FuzzFinding("the page gave \(page.samples.count) samples, its lines \(lineByLine.count)")
        }
        for sample in page.samples {
            guard let first = sample.name.utf8.first, !(0x30...0x39).contains(first),
                sample.name.utf8.allSatisfy(isNameByte)
            else { throw FuzzFinding("malformed metric name \(sample.name.debugDescription)") }
        }
        var reader = ServerMetricsReader()
        let samples = [reader.read(page, atSeconds: 1), reader.read(page, atSeconds: 2)]
        for sample in samples {
            for figure in ServerMetricsSample.Figure.allCases {
                if let value = sample[figure], !value.isFinite {
                    throw FuzzFinding("\(figure.rawValue) is \(value)")
                }
            }
        }
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":")
    }

    /// Equal samples, NaN values counting as equal.
    private static func same(_ a: [PrometheusText.Sample], _ b: [PrometheusText.Sample]) -> Bool {
        a.count == b.count
            && zip(a, b).allSatisfy { x, y in
                x.name == y.name && x.labels == y.labels && (x.value == y.value || (x.value.isNaN && y.value.isNaN))
            }
    }
}
