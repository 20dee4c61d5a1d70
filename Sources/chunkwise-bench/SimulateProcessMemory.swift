import Foundation

/// Peak resident memory of `chunkwise simulate` run as a process of its own, the command users run:
/// once on the data and once on a header-only file, so the difference over the rows is what the rows
/// cost, free of this process's history (memory an earlier workload freed and the allocator kept).
enum SimulateProcessMemory {
    struct Measurement {
        /// Peak resident bytes of the run on the data, and of the same run on no rows.
        var peakBytes: Int
        var baselineBytes: Int
        var rows: Int
        var bytesPerRow: Double { Double(max(0, peakBytes - baselineBytes)) / Double(max(1, rows)) }
    }

    /// The `chunkwise` executable built beside this one, when there is one.
    static var executable: String? {
        guard let me = Bundle.main.executablePath else { return nil }
        let path = URL(fileURLWithPath: me).deletingLastPathComponent().appendingPathComponent("chunkwise").path
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }

    /// `simulate options… --data files…`, and the same on a header-only copy of the first file.
    static func measure(executable: String, options: [String], files: [String], rows: Int) throws -> Measurement {
        let header = FileManager.default.temporaryDirectory.appendingPathComponent("chunkwise-bench-header-\(getpid()).csv").path
        defer { try? FileManager.default.removeItem(atPath: header) }
        try firstLine(of: files[0]).write(toFile: header, atomically: true, encoding: .utf8)
        let peak = try peakResidentBytes(executable, ["simulate"] + options + ["--data"] + files)
        let baseline = try peakResidentBytes(executable, ["simulate"] + options + ["--data", header])
        return Measurement(peakBytes: peak, baselineBytes: baseline, rows: rows)
    }

    static func firstLine(of path: String) throws -> String {
        let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        let head = try handle.read(upToCount: 1 << 16) ?? Data()
        let line = head.split(separator: UInt8(ascii: "\n"), maxSplits: 1, omittingEmptySubsequences: false).first ?? Data()
        return String(decoding: line, as: UTF8.self) + "\n"
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs `path arguments…` with its output discarded and returns its peak resident set, failing
    /// unless it exits 0.
    ///
    /// `wait4`'s `ru_maxrss` alone is not the child's: `posix_spawn` runs the child on this
    /// process's memory until `exec`, and Linux carries that memory's peak into the child's
    /// `ru_maxrss`. So the child's own `VmHWM` (/proc/PID/status, its new memory's peak) is read
    /// every half millisecond while it runs (a high-water mark: any read after the peak sees it) and
    /// is the answer whenever one read succeeded; `ru_maxrss` only when none did (a child that
    /// exited before the first read) and it is above this process's resident size at the start.
    /// Taking the larger of the two let this process's own resident set (150 MB after the
    /// PostgreSQL workloads) stand in for a header-only run's 28 MB when the process grew a little
    /// between the reset and the spawn.
    static func peakResidentBytes(_ path: String, _ arguments: [String]) throws -> Int {
        ProcessStats.resetPeak()
        let inherited = ProcessStats.peakResidentBytes
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, path, &actions, nil, argv, environ)
        guard spawned == 0 else { throw Failure(description: "cannot start \(path): error \(spawned)") }
        var status: Int32 = 0
        var usage = rusage()
        var polled = 0
        while true {
            let r = wait4(pid, &status, WNOHANG, &usage)
            if r == pid { break }
            if r < 0 && errno != EINTR { throw Failure(description: "wait4 failed: error \(errno)") }
            polled = max(polled, ProcessStats.status("VmHWM", of: pid))
            usleep(500)
        }
        // WIFEXITED and WEXITSTATUS, spelled out (the C macros are not imported).
        guard status & 0x7F == 0, (status >> 8) & 0xFF == 0 else {
            throw Failure(description: "\(path) \(arguments.joined(separator: " ")) failed (status \(status))")
        }
        let reported = usage.ru_maxrss * 1024
        if polled > 0 { return polled }
        return reported > inherited ? reported : 0
    }
}
