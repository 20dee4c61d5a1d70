import Foundation

/// The `chunkwise` executable that `swift build --build-tests` puts beside the test bundle, run
/// as a user runs it: arguments in, exit status and both output streams out.
public enum ChunkwiseExecutable {
    /// The built executable, nil when it is not there.
    public static var url: URL? {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for directory in [beside, beside.deletingLastPathComponent()] {
            let url = directory.appendingPathComponent("chunkwise")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return nil
    }

    /// Runs `executable` with `arguments`; `stdin` is written to its standard input (none: an
    /// empty one), and the call returns once the process has exited.
    public static func run(_ executable: URL, _ arguments: [String], stdin: String? = nil) throws
        -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let stdout = out.fileHandleForReading.readDataToEndOfFile(), stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
    }
}
