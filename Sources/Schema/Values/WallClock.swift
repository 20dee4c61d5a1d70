import Foundation

/// The real time, as `now()` would read it outside a pinned session: µs since 1970, what the
/// clock words (`now`, `today`, …) and an unpinned `--now` read.
public enum WallClock {
    public static var microseconds: Int64 { Int64((Date().timeIntervalSince1970 * 1_000_000).rounded(.down)) }
}
