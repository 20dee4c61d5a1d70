import ArgumentParser
import Foundation
import Schema
import Storage

/// The `chunkwise` command: parses arguments, calls the library, formats results.
@main
struct Chunkwise: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chunkwise",
        abstract: "Offline storage simulator and planner for PostgreSQL/TimescaleDB time-series tables.",
        version: "chunkwise 0.3.0 (models PostgreSQL 15, TimescaleDB 2.16-2.28)",
        subcommands: [SimulateCommand.self, CompareCommand.self, QueryCommand.self, SizeCommand.self, CheckCommand.self,
                      GenerateCommand.self, PlanCommand.self, MigrateCommand.self, ProfileCommand.self, ServeCommand.self]
    )

    /// Runs the command on a thread with a 1 GiB stack (reserved, touched only as used), so input
    /// PostgreSQL accepts (a CHECK nested 9,999 parentheses deep) never overflows a recursive
    /// walk; a bad flag value exits 1 like every other refused input (not ArgumentParser's 64).
    /// Every thread allocates from one malloc arena (``MallocArenas``).
    static func main() {
        MallocArenas.useOne()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            do {
                var command = try parseAsRoot()
                try command.run()
            } catch {
                if exitCode(for: error) == .validationFailure {
                    FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                    Foundation.exit(1)
                }
                // numeric field overflow, a malformed array or range, a cidr's host bits and bad JSON say
                // why only in their DETAIL line (JSON where in its CONTEXT line), and NOT NULL, CHECK and
                // duplicate keys name the row or key there: printed as psql shows them.
                if let copy = error as? CopyError {
                    FileHandle.standardError.write(Data("Error: \(copy.report)\n".utf8))
                    Foundation.exit(1)
                }
                exit(withError: error)
            }
            done.signal()
        }
        thread.stackSize = 1 << 30
        thread.start()
        done.wait()
    }
}
