extension SchemaCatalog {
    /// `DROP MATERIALIZED VIEW [IF EXISTS] name [, …] [CASCADE | RESTRICT]` as RemoveRelations
    /// (src/backend/commands/tablecmds.c) decides for each name in turn, nothing dropped when one
    /// fails: a missing name is an error (42P01) or with IF EXISTS a NOTICE; a table or a view of the
    /// name is the wrong kind (42809, with the DROP that removes it). Names in another schema, and
    /// any name after migrations Chunkwise could not read (a `DO` block) may define, are not judged.
    func dropMaterializedViewRefusals(_ text: String) -> [CatalogDiagnostic] {
        guard let lexed = try? SQLLexer(text: text, file: "").tokens() else { return [] }
        let tokens = lexed.filter { $0.kind != .end && !$0.isSymbol(";") }
        guard tokens.count > 3, tokens[0].isWord("drop"), tokens[1].isWord("materialized"), tokens[2].isWord("view") else { return [] }
        var i = 3
        let ifExists = i + 1 < tokens.count && tokens[i].isWord("if") && tokens[i + 1].isWord("exists")
        if ifExists { i += 2 }
        var notices: [CatalogDiagnostic] = []
        while i < tokens.count {
            guard case .identifier(var name, _) = tokens[i].kind else { return notices }
            var schema: String?
            i += 1
            if i + 1 < tokens.count, tokens[i].isSymbol("."), case .identifier(let n, _) = tokens[i + 1].kind {
                schema = name
                name = n
                i += 2
            }
            if schema == nil || schema == "public" {
                if tables[name] != nil {
                    return [CatalogDiagnostic(severity: .error, message: "\"\(name)\" is not a materialized view", sqlState: "42809",
                                              hint: "Use DROP TABLE to remove a table.")]
                }
                switch otherRelations[name] {
                case "view"?:
                    return [CatalogDiagnostic(severity: .error, message: "\"\(name)\" is not a materialized view", sqlState: "42809",
                                              hint: "Use DROP VIEW to remove a view.")]
                case nil where tableOwning(index: name) == nil && !hasUnreadDefinitions:
                    let message = "materialized view \"\(name)\" does not exist"
                    guard ifExists else { return [CatalogDiagnostic(severity: .error, message: message, sqlState: "42P01")] }
                    notices.append(.notice(message + ", skipping"))
                default:
                    break
                }
            }
            guard i < tokens.count, tokens[i].isSymbol(",") else { return notices }
            i += 1
        }
        return notices
    }
}
