import PostgresModel

/// libFuzzer entry: any bytes as a migration file through `MigrationCheck` (what `check`, `plan`,
/// `migrate` and `simulate` run on users' SQL): PostgreSQL's and TimescaleDB's rules, transaction
/// blocks, renames, dimensions, option lists and policies. Findings are fine; traps are not.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMigrationCheck(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let result = MigrationCheck.run(files: [("fuzz.sql", text)])
    _ = result.findings.count
    return 0
}
