/// The name of a table's TOAST relation as `pg_class` shows it.
///
/// PostgreSQL names it after the owning table's OID, in the `pg_toast` schema:
/// `create_toast_table` (src/backend/catalog/toasting.c) formats `"pg_toast_%u"` with the
/// table's OID. The OID is assigned by the server from its cluster-wide counter when the table is
/// created, so it depends on everything the cluster created before: offline it is known only when
/// the user gives it (`SELECT 'market_data'::regclass::oid`).
public struct ToastRelationName: Sendable, Hashable {
    public var tableOID: UInt32?
    public var table: String

    public init(tableOID: UInt32?, table: String) {
        self.tableOID = tableOID
        self.table = table
    }

    /// Whether the name is the one the server will show.
    public var isPredictable: Bool { tableOID != nil }

    /// `pg_toast.pg_toast_16384`, or `pg_toast.pg_toast_<oid>` when the OID is not known.
    public var qualifiedName: String { "pg_toast.pg_toast_" + (tableOID.map { String($0) } ?? "<oid>") }

    /// Why the name is what it is, for the report.
    public var explanation: String {
        if let tableOID {
            return "TOAST relation pg_toast.pg_toast_\(tableOID): named after \(table)'s OID \(tableOID), as given"
        }
        return "TOAST relation named pg_toast.pg_toast_<oid> where <oid> is \(table)'s OID, which the server assigns when the table "
            + "is created and cannot be predicted offline (SELECT '\(table)'::regclass::oid shows it; --table-oid names it here)"
    }
}
