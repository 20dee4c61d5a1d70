/// Predicted size of one relation, per fork, as `pg_relation_size(rel, fork)` would report it.
public struct RelationSize: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable { case heap, btree, brin, toast }

    /// The name PostgreSQL gives the relation (`market_data_pkey`, …). The TOAST relation's real
    /// name carries the table's OID (`pg_toast_16384`), which is not known offline: it is reported
    /// as `pg_toast_<table>`.
    public var name: String
    public var kind: Kind
    public var mainBytes: Int
    public var fsmBytes: Int
    public var vmBytes: Int

    public init(name: String, kind: Kind, mainBytes: Int, fsmBytes: Int = 0, vmBytes: Int = 0) {
        self.name = name
        self.kind = kind
        self.mainBytes = mainBytes
        self.fsmBytes = fsmBytes
        self.vmBytes = vmBytes
    }

    public var totalBytes: Int { mainBytes + fsmBytes + vmBytes }

    private enum CodingKeys: String, CodingKey { case name, kind, mainBytes, fsmBytes, vmBytes }
}

/// When indexes are built relative to the load.
public enum IndexBuild: String, Sendable, Hashable, CaseIterable {
    /// CREATE INDEX on the filled table (nbtsort).
    case bulk
    /// The index exists while COPY inserts rows in file order.
    case incremental
}
