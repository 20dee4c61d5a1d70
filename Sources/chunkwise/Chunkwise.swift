import ArgumentParser

/// The `chunkwise` command: parses arguments, calls the library, formats results.
@main
struct Chunkwise: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chunkwise",
        abstract: "Offline storage simulator and planner for PostgreSQL/TimescaleDB time-series tables.",
        version: "chunkwise 0.3.0 (models PostgreSQL 15, TimescaleDB 2.16-2.28)",
        subcommands: [SimulateCommand.self, CompareCommand.self, QueryCommand.self, SizeCommand.self, CheckCommand.self,
                      GenerateCommand.self, PlanCommand.self, MigrateCommand.self, ProfileCommand.self, BenchCommand.self]
    )
}
