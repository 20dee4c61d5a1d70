import Testing
@testable import Analytics
import Schema

@Suite struct PGDecimalTests {
    func d(_ s: String) throws -> PGDecimal { try #require(PGDecimal(s)) }

    @Test func printsEveryDisplayScaleDigit() throws {
        #expect(try d("75.2500000000000000").description == "75.2500000000000000")
        #expect(try d("-0.05").description == "-0.05")
        #expect(try d("0").description == "0")
        #expect(try d(".5").description == "0.5")
    }

    @Test func negativeZeroPrintsWithoutSign() throws {
        #expect(try d("-0.00").description == "0.00")
        #expect(try d("-0.004").rounded(toScale: 2).description == "0.00")
    }

    @Test func multiplicationAddsScales() throws {
        #expect((try d("100.0") * PGDecimal(2)).description == "200.0")
        #expect((try d("1.25") * d("-0.5")).description == "-0.625")
    }

    @Test func additionKeepsLargerScale() throws {
        #expect((try d("1.5") + d("2.25")).description == "3.75")
        #expect((try d("1.50") + d("-1.5")).description == "0.00")
        #expect((try d("-3") + d("1.25")).description == "-1.75")
    }

    @Test func roundsHalfAwayFromZero() throws {
        #expect(try d("2.5").rounded(toScale: 0).description == "3")
        #expect(try d("-2.5").rounded(toScale: 0).description == "-3")
        #expect(try d("3.125").rounded(toScale: 2).description == "3.13")
        #expect(try d("3.1249999").rounded(toScale: 2).description == "3.12")
        #expect(try d("1250").rounded(toScale: -2).description == "1300")
        #expect(try d("7").rounded(toScale: 2).description == "7.00")
    }

    @Test func divisionScaleGivesSixteenSignificantDigits() throws {
        // 1/3: weights 0 and 0, first digits 1 ≤ 3, so qweight −1 and rscale 16 + 4 = 20.
        #expect(PGDecimal(1).divided(by: PGDecimal(3))?.description == "0.33333333333333333333")
        // 200.0/3: first digit 200 > 3, qweight 0, rscale 16.
        #expect((try d("200.0")).divided(by: PGDecimal(3))?.description == "66.6666666666666667")
        // 150.50/2 (an AVG): rscale 16.
        #expect((try d("150.50")).divided(by: PGDecimal(2))?.description == "75.2500000000000000")
    }

    @Test func divisionScaleCountsBase10000Weights() throws {
        // 123456789 is the base-10000 digits (1, 2345, 6789): weight 2, first digit 1 ≤ 7, so the
        // quotient weight is 1 and the scale 16 − 4 = 12.
        #expect(PGDecimal.divisionScale(PGDecimal(123_456_789), PGDecimal(7)) == 12)
        // 12345 has weight 1 and first digit 1 ≤ 7: quotient weight 0, scale 16.
        #expect(PGDecimal.divisionScale(PGDecimal(12345), PGDecimal(7)) == 16)
        // A zero dividend has weight 0 and first digit 0.
        #expect(PGDecimal.divisionScale(try d("0.0"), PGDecimal(3)) == 20)
        // Input display scales are a floor.
        #expect(PGDecimal.divisionScale(try d("1.0000000000000000000000001"), PGDecimal(1)) == 25)
    }

    @Test func divisionByZeroIsNil() throws {
        #expect(PGDecimal(1).divided(by: try d("0.00")) == nil)
    }

    @Test func divisionByWideDivisorIsExact() throws {
        let big = try d("123456789012345678901234567890")
        let q = try #require((big * PGDecimal(7)).divided(by: big, scale: 3))
        #expect(q.description == "7.000")
    }

    @Test func equalityIgnoresDisplayScale() throws {
        #expect(try d("1.0") == d("1.000"))
        #expect(try d("1.0").hashValue == d("1.000").hashValue)
        #expect(try d("-1.5") < d("1"))
        #expect(try d("-2") < d("-1.5"))
    }

    @Test func accumulatorSumsAndAverages() {
        var acc = NumericAccumulator()
        #expect(acc.sumValue == nil)
        #expect(acc.average == nil)
        acc.add(PGNumeric(unscaled: 1000, scale: 2))
        acc.add(PGNumeric(unscaled: 1001, scale: 2))
        #expect(acc.sumValue?.description == "20.01")
        #expect(acc.average?.description == "10.0050000000000000")
        #expect(acc.average?.rounded(toScale: 2).description == "10.01")
    }

    @Test func accumulatorSurvivesInt128Overflow() {
        var acc = NumericAccumulator()
        for _ in 0..<4 { acc.add(PGNumeric(unscaled: Int64.max, scale: 0)) }
        acc.add(PGNumeric(unscaled: 5, scale: 20))
        #expect(acc.sumValue?.description == "36893488147419103228.00000000000000000005")
    }

    @Test func percentageRoundsTwice() {
        #expect(NQPAnalytics.percentage(1, of: 32)?.description == "3.13")
        #expect(NQPAnalytics.percentage(2, of: 3)?.description == "66.67")
        #expect(NQPAnalytics.percentage(0, of: 3)?.description == "0.00")
        #expect(NQPAnalytics.percentage(3, of: 0) == nil)
    }
}
