/// Predicted size of one relation, per fork, as `pg_relation_size(rel, fork)` would report it;
/// ``totalBytes`` is what `pg_total_relation_size` counts of it (every fork, dbsize.c).
public struct RelationSize: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable { case heap, btree, brin, toast }

    /// The name PostgreSQL gives the relation (`market_data_pkey`, …). The TOAST relation's real
    /// name carries the table's OID (`pg_toast.pg_toast_16384`), which is not known offline: it is
    /// reported as `pg_toast.pg_toast_<oid>` (``ToastRelationName``), the spelling `size` prints
    /// without `--table-oid`.
    public var name: String
    public var kind: Kind
    public var mainBytes: Int
    public var fsmBytes: Int
    public var vmBytes: Int
    /// The init fork (`INIT_FORKNUM`) of an index of an UNLOGGED table: the empty index its
    /// `ambuildempty` writes (a B-tree's or BRIN's metapage); 0 for a heap (its init fork is empty)
    /// and for every relation of a logged table.
    public var initBytes: Int

    public init(name: String, kind: Kind, mainBytes: Int, fsmBytes: Int = 0, vmBytes: Int = 0, initBytes: Int = 0) {
        self.name = name
        self.kind = kind
        self.mainBytes = mainBytes
        self.fsmBytes = fsmBytes
        self.vmBytes = vmBytes
        self.initBytes = initBytes
    }

    public var totalBytes: Int { mainBytes + fsmBytes + vmBytes + initBytes }

    private enum CodingKeys: String, CodingKey { case name, kind, mainBytes, fsmBytes, vmBytes, initBytes }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        kind = try c.decode(Kind.self, forKey: .kind)
        mainBytes = try c.decode(Int.self, forKey: .mainBytes)
        fsmBytes = try c.decode(Int.self, forKey: .fsmBytes)
        vmBytes = try c.decode(Int.self, forKey: .vmBytes)
        // Reports written before init forks were modelled have none.
        initBytes = try c.decodeIfPresent(Int.self, forKey: .initBytes) ?? 0
    }

    /// `init_bytes` is written only for a relation that has an init fork, so a logged table's
    /// relations keep the fields they always had.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(kind, forKey: .kind)
        try c.encode(mainBytes, forKey: .mainBytes)
        try c.encode(fsmBytes, forKey: .fsmBytes)
        try c.encode(vmBytes, forKey: .vmBytes)
        if initBytes > 0 { try c.encode(initBytes, forKey: .initBytes) }
    }
}

/// When indexes are built relative to the load.
public enum IndexBuild: String, Sendable, Hashable, CaseIterable {
    /// CREATE INDEX on the filled table (nbtsort).
    case bulk
    /// The index exists while COPY inserts rows in file order.
    case incremental
}
