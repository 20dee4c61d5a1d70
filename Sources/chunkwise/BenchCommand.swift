import ArgumentParser

/// `chunkwise bench`: throughput measurements (parent of the per-area benchmarks).
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure throughput of parts of the engine.",
        subcommands: [BenchCodecsCommand.self]
    )
}
