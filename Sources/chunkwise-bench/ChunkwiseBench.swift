import ArgumentParser
import Storage

/// `chunkwise-bench`: the benchmark suite (`make bench`) and the single-part benchmarks, kept out of
/// the user-facing `chunkwise` executable. With no subcommand it runs the whole suite.
@main
struct ChunkwiseBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chunkwise-bench",
        abstract: "Chunkwise beside PostgreSQL 15 on the same data: ingest, compression, analytics, plan, memory.",
        subcommands: [SuiteCommand.self, BenchCopyCommand.self, BenchIngestCommand.self, BenchCodecsCommand.self, BenchAnalyticsCommand.self,
                      BenchPlanCommand.self, InstructionWorkloadCommand.self],
        defaultSubcommand: SuiteCommand.self
    )

    /// One malloc arena for every thread, as `chunkwise` runs (``Storage/MallocArenas``), so the
    /// suite's in-process ingest is timed with the allocator `simulate` uses.
    static func main() {
        MallocArenas.useOne()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            exit(withError: error)
        }
    }
}
