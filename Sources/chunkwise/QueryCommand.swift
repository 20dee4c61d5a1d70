import ArgumentParser

/// `chunkwise query <function>`: the NQP analytics functions in-process (CLI.md "query").
struct QueryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Run an NQP analytics function over COPY-CSV data, with PostgreSQL's exact results.",
        discussion: """
            Results are what PostgreSQL 15 returns for the same call of migration 010's function: same rows, \
            order, NULLs and numeric scales. --json prints {"columns": [...], "rows": [[...]]} with every value \
            as PostgreSQL's text; --csv prints exactly what COPY (SELECT * FROM fn(...)) TO STDOUT WITH \
            (FORMAT csv, HEADER) prints.
            """,
        subcommands: [QueryLatestPrice.self, QueryPriceRange.self, QueryPredictionAccuracy.self, QueryBlockPredictionAccuracy.self]
    )
}
