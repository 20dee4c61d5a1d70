import Foundation
import Testing

/// Compares rendered text with a file under Tests/ReportTests/Snapshots. A missing file (or
/// `CHUNKWISE_RECORD_SNAPSHOTS=1`) writes the snapshot and fails the test, so a new snapshot is
/// always looked at once before it counts.
enum Snapshot {
    static let folder: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")

    static func assertMatches(_ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let url = folder.appendingPathComponent(name)
        let record = ProcessInfo.processInfo.environment["CHUNKWISE_RECORD_SNAPSHOTS"] == "1"
        guard !record, let stored = try? String(contentsOf: url, encoding: .utf8) else {
            do {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                try text.write(to: url, atomically: true, encoding: .utf8)
                Issue.record("recorded snapshot \(name); check it and run again", sourceLocation: sourceLocation)
            } catch {
                Issue.record("could not write snapshot \(name): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        if stored != text {
            let a = stored.split(separator: "\n", omittingEmptySubsequences: false)
            let b = text.split(separator: "\n", omittingEmptySubsequences: false)
            let line = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
            let was = line < a.count ? String(a[line].prefix(300)) : "<end>"
            let now = line < b.count ? String(b[line].prefix(300)) : "<end>"
            Issue.record("snapshot \(name) differs at line \(line + 1):\n  stored: \(was)\n  now:    \(now)", sourceLocation: sourceLocation)
        }
    }
}
