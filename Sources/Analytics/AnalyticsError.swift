/// Why an analytics call could not run; messages read like PostgreSQL's.
public enum AnalyticsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `timestamp out of range`
    case timestampOutOfRange
    /// `interval out of range`
    case intervalOutOfRange
    /// `invalid value for parameter "TimeZone": "<name>"`
    case invalidTimeZone(String)
    /// A malformed argument (timestamp text, UUID text), with PostgreSQL's message for it.
    case invalidArgument(String)
    /// A data file or row set that lacks what a function reads.
    case invalidData(String)

    public var description: String {
        switch self {
        case .timestampOutOfRange: return "timestamp out of range"
        case .intervalOutOfRange: return "interval out of range"
        case .invalidTimeZone(let name): return "invalid value for parameter \"TimeZone\": \"\(name)\""
        case .invalidArgument(let message): return message
        case .invalidData(let message): return message
        }
    }
}
