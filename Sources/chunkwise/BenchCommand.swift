import ArgumentParser

/// `chunkwise bench`: throughput measurements of the engine's parts, one subcommand per part.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure throughput of Chunkwise's parts (COPY parsing and writing, codecs, analytics).",
        subcommands: [BenchCopyCommand.self, BenchCodecsCommand.self, BenchAnalyticsCommand.self, BenchPlanCommand.self]
    )
}
