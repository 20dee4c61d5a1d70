import ArgumentParser

/// The `chunkwise` command: parses arguments, calls the library, formats results.
@main
struct Chunkwise: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chunkwise",
        abstract: "Offline storage simulator and planner for PostgreSQL/TimescaleDB time-series tables.",
        subcommands: [SimulateCommand.self, CompareCommand.self, QueryCommand.self, SizeCommand.self, CheckCommand.self,
                      GenerateCommand.self, PlanCommand.self, ProfileCommand.self, BenchCommand.self, ServeCommand.self]
    )
}
