import Schema

/// libFuzzer entry: any bytes as migration SQL, through the lexer, the parser (strict and
/// psql-style recovering) and the catalog that applies the statements. Errors are fine; traps are not.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSQLParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    _ = try? SQLParser.parse(text: text, file: "fuzz.sql")
    let recovered = SQLParser.parseRecovering(text: text, file: "fuzz.sql")
    var catalog = SchemaCatalog()
    for statement in recovered.statements { _ = catalog.apply(statement) }
    return 0
}
