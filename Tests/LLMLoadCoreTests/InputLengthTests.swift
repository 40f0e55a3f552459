import LLMLoadCore
import Testing

@Suite struct InputLengthTests {
    @Test func readsEachForm() throws {
        #expect(try InputLength.parse("2048") == .fixed(2048))
        #expect(try InputLength.parse(" 1000-4096 ") == .uniform(1000, 4096))
        #expect(try InputLength.parse("normal:2048,256") == .normal(mean: 2048, standardDeviation: 256))
        #expect(try InputLength.parse("NORMAL:100, 0") == .fixed(100), "no spread is one length")
        #expect(try InputLength.parse("7-7") == .fixed(7))
        for text in ["2048", "1000-4096", "normal:2048,256"] {
            #expect(try InputLength.parse(text).description == text)
        }
    }

    @Test(arguments: ["", "0", "-5", "abc", "4096-1000", "1-2-3", "normal:2048", "normal:x,3", "normal:100,-1", "2.5"])
    func refusesNonsense(_ text: String) {
        #expect(throws: InputLength.ParseError.self) { try InputLength.parse(text) }
    }

    @Test func boundsOfANormalStayWithinFourDeviationsAndAboveZero() {
        #expect(InputLength.normal(mean: 2048, standardDeviation: 256).bounds == 1024...3072)
        #expect(InputLength.normal(mean: 100, standardDeviation: 50).bounds == 1...300)
    }

    @Test func samplesFollowTheDistributionAndRepeatWithTheSeed() {
        func draw(_ length: InputLength, seed: UInt64) -> [Int] {
            var generator = SplitMix64(seed: seed)
            return (0..<20_000).map { _ in length.sample(using: &generator) }
        }
        let uniform = draw(.uniform(1000, 4096), seed: 1)
        #expect(uniform.min() == 1000 && uniform.max() == 4096)
        let uniformMean = Double(uniform.reduce(0, +)) / Double(uniform.count)
        #expect(abs(uniformMean - 2548) < 20)
        let normal = draw(.normal(mean: 2048, standardDeviation: 256), seed: 2)
        let mean = Double(normal.reduce(0, +)) / Double(normal.count)
        let deviation = (normal.map { pow2(Double($0) - mean) }.reduce(0, +) / Double(normal.count)).squareRoot()
        #expect(abs(mean - 2048) < 8)
        #expect(abs(deviation - 256) < 8)
        #expect(normal.allSatisfy { (1024...3072).contains($0) })
        #expect(draw(.uniform(1, 100), seed: 9) == draw(.uniform(1, 100), seed: 9))
        #expect(draw(.uniform(1, 100), seed: 9) != draw(.uniform(1, 100), seed: 10))
    }

    @Test func toleranceIsTwoPercentButAtLeastTenTokens() {
        #expect(InputLength.tolerance(forTarget: 100) == 10)
        #expect(InputLength.tolerance(forTarget: 2048) == 40)
        #expect(InputLength.tolerance(forTarget: 10_000) == 200)
    }

    private func pow2(_ value: Double) -> Double { value * value }
}
