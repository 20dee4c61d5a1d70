import ArgumentParser

/// `chunkwise bench`: throughput measurements of the engine's parts, one subcommand per part.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure throughput of Chunkwise's parts (COPY parsing and writing, …).",
        subcommands: [BenchCopyCommand.self, BenchAnalyticsCommand.self]
    )
}
