import Foundation

/// Scratch file paths for tests, unique per process.
enum FileManagerPaths {
    static func temporary(_ name: String) -> String {
        FileManager.default.temporaryDirectory.path + "/chunkwise-storage-\(getpid())-\(name)"
    }
}
