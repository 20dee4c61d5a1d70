// A user's test imports only `Analytics`: the value types its API speaks (PGUUID, PGNumeric,
// PGTimestamp, PGTimeZone, NQPTables) come along.
@_exported import Schema
