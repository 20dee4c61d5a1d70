import Foundation
import PostgresModel

/// What `chunkwise migrate` produces for one scenario: the numbered steps (each with its rollback
/// and predicted effect), already run through `check` for the targeted TimescaleDB version and
/// edition.
///
/// ```swift
/// let migration = try MigrationPlan.make(scenario: scenario)
/// try migration.write(to: "migrations/")   // NNN_step.sql and rollback/NNN_step.sql
/// ```
public struct MigrationPlan: Sendable, Hashable {
    public var steps: [MigrationStep]
    /// Warnings `check` reports on the emitted files (an error there is a Chunkwise defect and
    /// makes ``make(scenario:progress:)`` throw).
    public var checkWarnings: Int

    public init(steps: [MigrationStep], checkWarnings: Int) {
        self.steps = steps
        self.checkWarnings = checkWarnings
    }

    /// Plans the scenario (sizes and the latency model, for the indexes the planner will use and
    /// the step comments), writes the steps and checks them.
    public static func make(scenario: Scenario, progress: ((String) -> Void)? = nil) throws(MigrationPlanError) -> MigrationPlan {
        var planner = CapacityPlanner(scenario: scenario)
        planner.latency = PlanLatency.model
        let steps: [MigrationStep]
        do {
            let (plan, facts) = try planner.planWithFacts(progress: progress)
            let choice = try IndexChoice.choose(scenario: scenario, facts: facts)
            steps = MigrationWriter.steps(for: scenario, plan: plan, indexChoice: choice)
        } catch {
            throw .plan(error)
        }
        let target = TimescaleTarget(version: (scenario.timescaledb.major, scenario.timescaledb.minor),
                                     edition: scenario.edition == "apache" ? .apache : .community)
        let findings = MigrationCheck.run(files: steps.map { ($0.fileName, $0.sql) }, target: target).findings
        let errors = findings.filter { $0.severity == .error }
        guard errors.isEmpty else {
            throw .failsCheck(errors.map { "\($0.file):\($0.line): \($0.message)" })
        }
        return MigrationPlan(steps: steps, checkWarnings: findings.count)
    }

    /// Writes `NNN_step.sql` into `directory` and each rollback into `directory/rollback/`
    /// (directories created as needed).
    public func write(to directory: String) throws(MigrationPlanError) {
        let dir = URL(fileURLWithPath: directory)
        do {
            try FileManager.default.createDirectory(at: dir.appendingPathComponent("rollback"), withIntermediateDirectories: true)
            for s in steps {
                try s.sql.write(to: dir.appendingPathComponent(s.fileName), atomically: true, encoding: .utf8)
                try s.rollbackSQL.write(to: dir.appendingPathComponent("rollback").appendingPathComponent(s.fileName),
                                        atomically: true, encoding: .utf8)
            }
        } catch {
            throw .cannotWrite(directory: directory, reason: error.localizedDescription)
        }
    }
}

/// Why `migrate` wrote nothing.
public enum MigrationPlanError: Error, Sendable, Equatable, CustomStringConvertible {
    case plan(PlanError)
    /// The emitted SQL fails `check`: a defect in Chunkwise, reported with each finding.
    case failsCheck([String])
    case cannotWrite(directory: String, reason: String)
    /// `--out` names an existing path that is not a directory.
    case outputNotADirectory(String)
    /// `--out` already holds `.sql` files and `--force` was not given: (directory, the files).
    case outputHoldsSQL(directory: String, files: [String])

    public var description: String {
        switch self {
        case .plan(let e): return e.description
        case .failsCheck(let findings):
            return "the migration written for this scenario fails chunkwise check (a Chunkwise defect, please report it):\n"
                + findings.map { "  " + $0 }.joined(separator: "\n")
        case .cannotWrite(let directory, let reason): return "could not write into \"\(directory)\": \(reason)"
        case .outputNotADirectory(let path): return "--out: \"\(path)\" exists and is not a directory; give a directory to write the migration files into"
        case .outputHoldsSQL(let directory, let files):
            let shown = files.prefix(10).joined(separator: ", ") + (files.count > 10 ? ", … (\(files.count) files)" : "")
            return "--out: \"\(directory)\" already holds SQL files (\(shown)); migrate would replace some and leave the others "
                + "beside the new set, where `psql -f` would run them: choose an empty directory, or pass --force to replace "
                + "the files it writes (the others are kept and named)"
        }
    }
}
