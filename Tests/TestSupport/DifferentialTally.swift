import Testing

/// What a differential suite keeps while it compares Chunkwise's reading of each input with the
/// server's: the mismatches (the first twelve recorded as issues, each naming its input) and how
/// many inputs were accepted; then the two checks every such suite ends with.
///
///     var tally = DifferentialTally()
///     for (i, text) in cases.enumerated() {
///         tally.compare(text.debugDescription, ours: read(text), theirs: answers[i][0], accepted: read(text).hasPrefix("ok"))
///     }
///     tally.expectAgreement(of: "addresses")
public struct DifferentialTally {
    public private(set) var count = 0
    public private(set) var mismatches = 0
    public private(set) var accepted = 0

    public init() {}

    /// One input's reading against the server's; `label` names the input in a recorded issue.
    public mutating func compare(_ label: @autoclosure () -> String, ours: String, theirs: String, accepted isAccepted: Bool,
                                 sourceLocation: SourceLocation = #_sourceLocation) {
        count += 1
        if isAccepted { accepted += 1 }
        guard ours != theirs else { return }
        mismatches += 1
        if mismatches <= 12 {
            Issue.record("\(label()): ours \(ours.debugDescription) theirs \(theirs.debugDescription)", sourceLocation: sourceLocation)
        }
    }

    /// Every reading agreed, and the accepted share lies strictly inside `share`, so the cases
    /// test both what is read and what is refused.
    public func expectAgreement(of what: String, acceptedShare share: ClosedRange<Double> = 0.2...0.8,
                                sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(mismatches == 0, "\(mismatches) of \(count) \(what) read differently", sourceLocation: sourceLocation)
        let fraction = Double(accepted) / Double(max(count, 1))
        #expect(fraction > share.lowerBound && fraction < share.upperBound, "\(accepted) of \(count) accepted", sourceLocation: sourceLocation)
    }
}
