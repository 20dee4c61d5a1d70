import Foundation

/// Clocks, resident memory and load average of this process and machine (Linux /proc).
enum ProcessStats {
    static func seconds(_ clock: clockid_t) -> Double {
        var t = timespec()
        clock_gettime(clock, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    /// Wall-clock seconds (monotonic).
    static var wall: Double { seconds(CLOCK_MONOTONIC) }
    /// CPU seconds of the calling thread: what one-threaded work costs, whatever else the machine runs.
    static var threadCPU: Double { seconds(CLOCK_THREAD_CPUTIME_ID) }
    /// CPU seconds of the whole process (every thread).
    static var processCPU: Double { seconds(CLOCK_PROCESS_CPUTIME_ID) }

    /// The 1-minute load average (/proc/loadavg).
    static var loadAverage: Double {
        guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return .nan }
        return Double(text.split(separator: " ").first ?? "") ?? .nan
    }

    /// `VmRSS` (current) or `VmHWM` (peak since start or the last ``resetPeak()``), bytes, of this
    /// process or of process `pid` (0 once it is gone).
    static func status(_ field: String, of pid: pid_t? = nil) -> Int {
        let path = "/proc/\(pid.map(String.init) ?? "self")/status"
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return 0 }
        for line in text.split(separator: "\n") where line.hasPrefix(field + ":") {
            return (line.split(separator: " ").compactMap { Int($0) }.first ?? 0) * 1024
        }
        return 0
    }

    static var residentBytes: Int { status("VmRSS") }
    static var peakResidentBytes: Int { status("VmHWM") }

    /// Resets `VmHWM` to the current resident size (`echo 5 > /proc/self/clear_refs`), so the next
    /// peak belongs to the work that follows. Returns false where the kernel refuses.
    @discardableResult
    static func resetPeak() -> Bool {
        guard let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return false }
        defer { try? handle.close() }
        do { try handle.write(contentsOf: Data("5".utf8)) } catch { return false }
        return true
    }
}
