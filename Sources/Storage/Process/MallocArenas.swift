#if canImport(Glibc)
import CMalloc
#endif

/// glibc's allocator gives each thread that allocates while another holds an arena a heap of its
/// own (up to eight per core). `simulate` parses on one thread and routes on another, and the
/// background compressions run on more: memory one thread frees stays in that thread's arena, out
/// of reach of the thread that allocates next, so the process keeps several partly empty heaps
/// resident. One arena lets every thread reuse what any other freed: on the real exports
/// (123,220 rows) the peak resident growth fell from 162–176 to 111–117 bytes a row, and with
/// compression on 2.96 M synthetic rows from 283 to 229 MB, for 2–3 % more wall time on the real
/// exports' compressed run and none measurable on the synthetic ones (the hot paths' small
/// allocations come from glibc's per-thread caches, which take no lock). docs/PERFORMANCE.md.
///
/// A process-wide setting, so the executables choose it (`chunkwise` and `chunkwise-bench` call
/// ``useOne()`` first thing, so the suite times ingest as `simulate` runs it); the library never does.
public enum MallocArenas {
    /// Makes every thread of this process allocate from glibc's main arena; call before any
    /// thread other than the main one starts. Nothing to do on other C libraries.
    public static func useOne() {
        #if canImport(Glibc)
        _ = mallopt(M_ARENA_MAX, 1)
        #endif
    }
}
