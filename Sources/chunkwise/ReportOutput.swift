import ArgumentParser
import Foundation
import Report

extension ReportFormat: ExpressibleByArgument {}

/// Prints a command's report in the chosen format, to standard output or `--out`: the one place
/// the CLI turns a report model into text (the rendering itself is the Report layer's).
enum ReportOutput {
    /// The format asked for: `--json` wins (CLI.md: every command takes `--json`), else `--format`.
    static func format(_ format: ReportFormat?, json: Bool) -> ReportFormat { json ? .json : format ?? .table }

    /// Refuses a format the report does not have, naming the flag, and `--json` beside another
    /// `--format`.
    static func validate<R: RenderableReport>(_ format: ReportFormat?, json: Bool = false, for report: R.Type) throws {
        if let format, !R.formats.contains(format) {
            throw ValidationError("--format must be \(ReportFormat.list(R.formats)), not \(format.rawValue)")
        }
        if json, let format, format != .json {
            throw ValidationError("--json and --format \(format.rawValue) ask for different outputs; give one")
        }
    }

    /// Renders `report` and writes it (one trailing newline) to `out` or standard output.
    static func emit<R: RenderableReport>(_ report: R, as format: ReportFormat, out: String? = nil) throws {
        let text: String
        do { text = try report.rendered(as: format) } catch { throw CommandFailure(message: error.description) }
        write(text, to: out)
        if let out {
            do { try (text.hasSuffix("\n") ? text : text + "\n").write(toFile: out, atomically: true, encoding: .utf8) } catch {
                throw CommandFailure(message: "could not write \"\(out)\": \(error.localizedDescription)")
            }
        }
    }

    private static func write(_ text: String, to out: String?) {
        guard out == nil else { return }
        print(text, terminator: text.hasSuffix("\n") ? "" : "\n")
    }

    /// A line on standard error (warnings, progress).
    static func standardError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}

/// An error already worded for stderr; the argument parser prints it as `Error: …` and exits 1.
struct CommandFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
