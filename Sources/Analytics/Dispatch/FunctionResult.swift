import Schema

/// What a call returned: the declared result columns and the rows (one value per column).
public struct FunctionResult: Sendable, Hashable {
    public var columns: [FunctionSignature.Column]
    public var rows: [[Value]]
    /// A set-returning function (`RETURNS TABLE`/`SETOF`): a JSON array of objects; otherwise
    /// the single value.
    public var returnsSet: Bool

    public init(columns: [FunctionSignature.Column], rows: [[Value]], returnsSet: Bool) {
        self.columns = columns
        self.rows = rows
        self.returnsSet = returnsSet
    }

    /// The body PostgREST answers with: `json_agg` of the rows (`[]` for none) for a set-returning
    /// function, `to_json` of the value for a scalar one; timestamps printed in `zone`.
    public func json(zone: PGTimeZone) -> String {
        if returnsSet {
            let types = columns.map(\.type), names = columns.map(\.name)
            return PostgresJSON.aggregateObjects(names: names, types: types, rows: rows, zone: zone)
        }
        guard let value = rows.first?.first, let type = columns.first?.type else { return "null" }
        return PostgresJSON.value(value, type: type, zone: zone)
    }
}
