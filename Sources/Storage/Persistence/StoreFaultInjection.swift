/// A crash simulated inside ``TableStore/save(_:now:faults:)``, for tests: the writer numbers its
/// file-system steps (create the temporary file, each chunk of bytes written, fsync, close,
/// rename, fsync of the directory) from 0 and stops dead at step `crashAt`, as if the process were
/// killed there, without cleaning up. With `tornWrite`, a data write at that step first puts only
/// half its bytes on disk, as a power cut in the middle of a `write(2)` can.
public struct StoreFaultInjection: Sendable {
    public var crashAt: Int
    public var tornWrite: Bool

    public init(crashAt: Int, tornWrite: Bool = false) {
        self.crashAt = crashAt
        self.tornWrite = tornWrite
    }
}
