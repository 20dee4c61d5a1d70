/// Why a scenario (flags, scenario file, migrations) cannot be resolved: each names the flag,
/// file or field at fault.
public enum ScenarioError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A flag or scenario field with a bad value: (flag name, message).
    case invalidValue(flag: String, message: String)
    case unknownTable(String, known: [String])
    /// A `--vary` or scenario-file field that names no flag.
    case unknownField(String)
    /// A file that cannot be read: (path, message).
    case file(String, String)
    /// A migration statement the server would refuse, or SQL that does not parse.
    case migration(String, line: Int, message: String)
    /// A scenario file's syntax or field error: (path, message with line where known).
    case scenarioFile(String, String)
    /// A data profile that cannot be built or read.
    case profile(String)

    public var description: String {
        switch self {
        case .invalidValue(let flag, let message): return "--\(flag): \(message)"
        case .unknownTable(let name, let known):
            return "relation \"\(name)\" does not exist" + (known.isEmpty ? "" : " (known tables: \(known.joined(separator: ", ")))")
        case .unknownField(let name):
            return "unknown scenario field \"\(name)\" (known: \(ScenarioInput.fieldNames.joined(separator: ", ")))"
        case .file(_, let message): return message
        case .migration(let path, let line, let message): return "\(path):\(line): \(message)"
        case .scenarioFile(let path, let message): return "\(path): \(message)"
        case .profile(let message): return message
        }
    }
}
