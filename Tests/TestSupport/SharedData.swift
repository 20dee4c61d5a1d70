import Foundation

/// Finds the project's shared test data (`../shared/` beside the package root, or `$CHUNKWISE_SHARED`).
///
/// The real market data files may never be committed; tests read them from there. A clone without
/// that folder still builds and passes: tests that need it call ``require(_:)`` and are skipped with
/// a message, except in CI (`CI` set), where a missing folder is a failure.
public enum SharedData {
    /// The package root (the folder holding Package.swift).
    public static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url
    }()

    /// The shared folder, if present.
    public static var root: URL? {
        if let env = ProcessInfo.processInfo.environment["CHUNKWISE_SHARED"] {
            return URL(fileURLWithPath: env)
        }
        let candidate = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
        return FileManager.default.fileExists(atPath: candidate.path) ? candidate : nil
    }

    /// Whether tests that read the shared folder run: it is there, or this is CI (where its absence is
    /// a failure). Use as `@Test(.enabled(if: SharedData.isAvailable))`.
    public static var isAvailable: Bool { root != nil || ProcessInfo.processInfo.environment["CI"] != nil }

    /// `../shared/data/real/*.csv`, sorted by name (empty without the folder).
    public static var realDataFiles: [URL] {
        guard let dir = root?.appendingPathComponent("data/real"),
              let names = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else { return [] }
        return names.filter { $0.hasSuffix(".csv") }.sorted().map { dir.appendingPathComponent($0) }
    }

    /// `../shared/calibration/*.tsdb.json`, sorted by name.
    public static var calibrationFiles: [URL] {
        guard let dir = root?.appendingPathComponent("calibration"),
              let names = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else { return [] }
        return names.filter { $0.hasSuffix(".tsdb.json") }.sorted().map { dir.appendingPathComponent($0) }
    }

    /// A path under the shared folder; nil (and a printed skip notice) when the folder is absent
    /// outside CI. In CI a missing folder throws.
    public static func require(_ relativePath: String, for test: String = #function) throws -> URL? {
        guard let root else {
            if ProcessInfo.processInfo.environment["CI"] != nil {
                throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "../shared/" + relativePath])
            }
            print("skipped \(test): ../shared/\(relativePath) not found (real data lives beside the package)")
            return nil
        }
        return root.appendingPathComponent(relativePath)
    }
}
