import Foundation

/// Enum types and the renames and drops of user-defined types, with PostgreSQL 15's checks
/// (typecmds.c `DefineEnum`, `AlterEnum`, `RenameType`; pg_enum.c; dependency.c for DROP).
extension SchemaCatalog {
    /// PostgreSQL's longest label: `NAMEDATALEN - 1` bytes.
    static let maxEnumLabelBytes = 63

    mutating func applyTypeChange(_ change: TypeChange) -> [CatalogDiagnostic] {
        switch change {
        case .createEnum(let name, let labels):
            if typeNameTaken(name) { return [Self.typeError("type \"\(name)\" already exists", "42710")] }
            if let bad = labels.first(where: { $0.utf8.count > Self.maxEnumLabelBytes }) { return [Self.invalidLabel(bad)] }
            var seen: Set<String> = []
            for label in labels where !seen.insert(label).inserted {
                // EnumValuesCreate inserts the labels one by one; pg_enum's unique index refuses the repeat.
                return [Self.typeError("duplicate key value violates unique constraint \"pg_enum_typid_label_index\"", "23505")]
            }
            enumTypes[name] = labels
            userTypes.insert(name)
            return []
        case .createDomain(let domain):
            if typeNameTaken(domain.name) { return [Self.typeError("type \"\(domain.name)\" already exists", "42710")] }
            // DefineDomain: the base type must exist (typenameType), its modifiers valid.
            var probe = ColumnDefinition("value", .text)
            if case .failure(let refusal) = carry(domain.baseTypeSQL, modelled: domain.baseType, into: &probe) { return [refusal] }
            domains[domain.name] = domain
            userTypes.insert(domain.name)
            return []
        case .addEnumValue(let name, let label, let ifNotExists, let neighbour):
            guard var labels = enumTypes[name] else { return missingOrNotEnum(name) }
            if label.utf8.count > Self.maxEnumLabelBytes { return [Self.invalidLabel(label)] }
            if labels.contains(label) {
                if ifNotExists { return [.notice("enum label \"\(label)\" already exists, skipping")] }
                return [Self.typeError("enum label \"\(label)\" already exists", "42710")]
            }
            if let neighbour {
                guard let at = labels.firstIndex(of: neighbour.label) else {
                    return [Self.typeError("\"\(neighbour.label)\" is not an existing enum label", "22023")]
                }
                labels.insert(label, at: neighbour.before ? at : at + 1)
            } else {
                labels.append(label)
            }
            setEnumLabels(labels, of: name)
            return []
        case .renameEnumValue(let name, let old, let new):
            guard var labels = enumTypes[name] else { return missingOrNotEnum(name) }
            if new.utf8.count > Self.maxEnumLabelBytes { return [Self.invalidLabel(new)] }
            if labels.contains(new) { return [Self.typeError("enum label \"\(new)\" already exists", "42710")] }
            guard let at = labels.firstIndex(of: old) else { return [Self.typeError("\"\(old)\" is not an existing enum label", "22023")] }
            labels[at] = new
            setEnumLabels(labels, of: name)
            return []
        case .rename(let name, let new):
            guard let key = userTypeKey(name) else { return missingType(name) }
            if typeNameTaken(new) { return [Self.typeError("type \"\(new)\" already exists", "42710")] }
            userTypes.remove(key)
            userTypes.insert(key == name ? new : new.lowercased())
            if let labels = enumTypes.removeValue(forKey: name) { enumTypes[new] = labels }
            if var domain = domains.removeValue(forKey: name) {
                domain.name = new
                domains[new] = domain
            }
            for (table, i) in columns(ofType: name) {
                guard var t = tables[table] else { continue }
                if t.columns[i].domain?.name == name {
                    t.columns[i].domain?.name = new
                } else {
                    t.columns[i].catalogType = t.columns[i].catalogType.map { $0 == name ? new : $0 == name.lowercased() ? new.lowercased() : "_" + new }
                }
                setTable(table, t)
            }
            return []
        case .drop(let names, let ifExists, let cascade):
            // RemoveObjects looks every name up before dependencies are followed for any of them.
            var out: [CatalogDiagnostic] = []
            var found: [(name: String, key: String)] = []
            for name in names {
                guard let key = userTypeKey(name) else {
                    if ifExists { out.append(.notice("type \"\(name)\" does not exist, skipping")); continue }
                    return missingType(name)
                }
                found.append((name, key))
            }
            var scratch = self
            for (name, key) in found {
                let dependents = scratch.columns(ofType: name)
                if !dependents.isEmpty && !cascade {
                    return [CatalogDiagnostic(severity: .error, message: "cannot drop type \(QuotedIdentifier.quote(name)) because other objects depend on it",
                                              sqlState: "2BP01", hint: "Use DROP ... CASCADE to drop the dependent objects too.")]
                }
                // CASCADE drops the columns (and what hangs on them), as ALTER TABLE … DROP COLUMN would.
                let dropped = dependents.compactMap { (table, i) in scratch.tables[table].map { (table, $0.columns[i].name) } }
                for (table, column) in dropped {
                    _ = scratch.alterTable(AlterTable(table: table, ifExists: false, actions: [.dropColumn(column, ifExists: true)]))
                }
                if dropped.count == 1 {
                    out.append(.notice("drop cascades to column \(dropped[0].1) of table \(dropped[0].0)"))
                } else if dropped.count > 1 {
                    out.append(.notice("drop cascades to \(dropped.count) other objects"))
                }
                scratch.userTypes.remove(key)
                scratch.enumTypes[name] = nil
                scratch.domains[name] = nil
            }
            self = scratch
            return out
        }
    }

    /// The enum type a column type names (`status`, `"Status"`, `public.status`), as its name and
    /// labels; nil for any other type, arrays of enums included.
    func enumType(named typeSQL: String) -> (name: String, labels: [String])? {
        guard let name = Self.userTypeName(typeSQL, in: enumTypes) else { return nil }
        return enumTypes[name].map { (name, $0) }
    }

    /// The domain a column type names, if any.
    func domain(named typeSQL: String) -> DomainDefinition? {
        Self.userTypeName(typeSQL, in: domains).flatMap { domains[$0] }
    }

    /// The key a type name as written (`side`, `"Side"`, `public.side`) has in `types`: as the
    /// parser gives it (quoted names keep their case), else unquoted and folded; nil for arrays.
    static func userTypeName<T>(_ typeSQL: String, in types: [String: T]) -> String? {
        if types[typeSQL] != nil { return typeSQL }
        var s = Substring(typeSQL.trimmingCharacters(in: .whitespaces))
        guard !s.contains("["), !s.lowercased().hasSuffix(" array") else { return nil }
        for prefix in ["public.", "\"public\"."] where s.lowercased().hasPrefix(prefix) { s = s.dropFirst(prefix.count) }
        if s.hasPrefix("\""), s.hasSuffix("\""), s.count >= 2 {
            return String(s.dropFirst().dropLast()).replacingOccurrences(of: "\"\"", with: "\"")
        }
        return s.lowercased()
    }

    /// The default of an enum column when it is a label (`'buy'`, `'buy'::side`): the label as
    /// the value the engine fills in, or PostgreSQL's refusal of a label the type lacks; nil for
    /// any other expression (kept as SQL).
    static func enumDefault(_ e: SQLExpression, column: ColumnDefinition) -> Result<ColumnDefault, CatalogDiagnostic>? {
        guard let labels = column.enumLabels, let type = column.catalogType else { return nil }
        let text: String
        switch e {
        case .literal(.text(let t)): text = t
        case .cast(.literal(.text(let t)), _): text = t
        default: return nil
        }
        guard labels.contains(text) else {
            return .failure(CatalogDiagnostic(severity: .error, message: ValueError.invalidEnumLabel(type: QuotedIdentifier.quote(type), text: text).description,
                                              sqlState: "22P02"))
        }
        return .success(.value(.text(text)))
    }

    /// A carried type's constant DEFAULT (`'{}'` or `'{}'::text[]` in a `text[]` column,
    /// `'0.0.0.0'` in an `inet` one): its text, stored as COPY stores the column's values, so a load
    /// that omits the column uses it. nil for any other expression, a cast to another type, or a
    /// text the type's input refuses (the migration's own error, which `check` reports).
    static func carriedDefault(_ e: SQLExpression, column: ColumnDefinition) -> ColumnDefault? {
        guard isCarried(column) else { return nil }
        let text: String
        switch e {
        case .literal(.text(let t)): text = t
        case .cast(.literal(.text(let t)), let target):
            guard (try? PostgresBuiltinCatalog.shared.typeName(sql: target)) == column.typeName else { return nil }
            text = t
        case .array(let elements):
            guard let literal = arrayLiteral(elements, elementType: PostgresBuiltinCatalog.shared.types[column.typeName]?.element) else { return nil }
            text = literal
        case .cast(.array(let elements), let target):
            guard (try? PostgresBuiltinCatalog.shared.typeName(sql: target)) == column.typeName,
                  let literal = arrayLiteral(elements, elementType: PostgresBuiltinCatalog.shared.types[column.typeName]?.element) else { return nil }
            text = literal
        default: return nil
        }
        do {
            try UnmodelledTypeInput.check(text, catalogType: column.typeName, elementType: column.arrayElementType, bitLength: column.bitLength)
        } catch {
            return nil
        }
        return .value(.text(text))
    }

    /// The array literal (`{a,"b c",NULL}`, `{{1,2},{3,4}}`) an `ARRAY[…]` of constants stores in
    /// an array column whose elements are `elementType`, when each constant reads as the element
    /// type's input would read its text: untyped or text literals, NULL, whole numbers, and
    /// decimals or booleans where the element type is numeric, floating-point or boolean. nil for
    /// anything else (a decimal into integers rounds; an expression is not a constant).
    static func arrayLiteral(_ elements: [SQLExpression], elementType: String?) -> String? {
        guard let elementType else { return nil }
        let element = PostgresBuiltinCatalog.shared.types[elementType]
        let numericElements = element?.category == "N", wholeOnly = ["int2", "int4", "int8", "oid"].contains(elementType)
        func quoted(_ t: String) -> String {
            let special = t.isEmpty || t.lowercased() == "null"
                || t.unicodeScalars.contains { "{}\",\\".unicodeScalars.contains($0) || $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\u{0B}" || $0 == "\u{0C}" }
            guard special else { return t }
            return "\"" + t.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        var parts: [String] = []
        for e in elements {
            switch e {
            case .array(let sub):
                guard let inner = arrayLiteral(sub, elementType: elementType) else { return nil }
                parts.append(inner)
            case .literal(.null): parts.append("NULL")
            case .literal(.text(let t)): parts.append(quoted(t))
            case .cast(.literal(.text(let t)), let target) where ["text", "varchar", "bpchar"].contains((try? PostgresBuiltinCatalog.shared.typeName(sql: target)) ?? ""):
                guard element?.category == "S" else { return nil }
                parts.append(quoted(t))
            case .literal(.int(let i)) where numericElements: parts.append(String(i))
            case .literal(.numeric(let n)) where numericElements && !wholeOnly: parts.append(n.description)
            case .literal(.bool(let b)) where elementType == "bool": parts.append(b ? "t" : "f")
            default: return nil
            }
        }
        return "{" + parts.joined(separator: ",") + "}"
    }

    /// The warning for a column of a type Chunkwise carries as text: one whose input is read
    /// (``UnmodelledTypeInput``: addresses, bytea, interval, money, bit strings, arrays, ranges)
    /// is refused and sized as the server stores it; any other is loaded as given.
    static func carriedTypeWarning(typeSQL: String, column: ColumnDefinition) -> CatalogDiagnostic {
        // (character(n) values are blank-padded and length-checked as bpcharin does: ColumnBuilder.)
        if UnmodelledTypeInput.checkedType(column.typeName) != nil || column.blankPaddedLength != nil {
            return .warning("type \"\(typeSQL)\" of column \"\(column.name)\" is carried as text: its values are read and sized "
                            + "as PostgreSQL stores them, but functions and operators on it are not modelled")
        }
        return .warning("type \"\(typeSQL)\" of column \"\(column.name)\" is not modelled; the column is treated as text")
    }

    /// Whether the column is of a type Chunkwise carries as text (`inet`, `text[]`, `interval`, …;
    /// not an enum or a domain, which have rules of their own).
    static func isCarried(_ column: ColumnDefinition) -> Bool {
        column.enumLabels == nil && column.domain == nil && column.type == .text && column.catalogType != nil
    }

    /// Whether a type of this name exists in the public schema: a user type, or a relation's row type.
    private func typeNameTaken(_ name: String) -> Bool {
        userTypes.contains(name) || enumTypes[name] != nil || tables[name] != nil || otherRelations[name] != nil
    }

    /// How ``userTypes`` holds a type's name: as given (enums), or folded to lower case (the names
    /// `CREATE DOMAIN` and other CREATE TYPEs note); nil when no migration created it.
    private func userTypeKey(_ name: String) -> String? {
        if userTypes.contains(name) { return name }
        return userTypes.contains(name.lowercased()) ? name.lowercased() : nil
    }

    /// Columns of type `name` or its array type, in table creation order.
    private func columns(ofType name: String) -> [(table: String, index: Int)] {
        let names: Set<String> = [name, name.lowercased(), "_" + name, name + "[]", name.lowercased() + "[]"]
        var out: [(String, Int)] = []
        for table in tableOrder {
            guard let t = tables[table] else { continue }
            for (i, c) in t.columns.enumerated() where c.domain?.name == name || (c.type == .text && c.catalogType.map(names.contains) == true) {
                out.append((table, i))
            }
        }
        return out
    }

    /// New labels for an enum, on the type and on every column of it.
    private mutating func setEnumLabels(_ labels: [String], of name: String) {
        enumTypes[name] = labels
        for (table, i) in columns(ofType: name) {
            guard var t = tables[table], t.columns[i].enumLabels != nil else { continue }
            t.columns[i].enumLabels = labels
            setTable(table, t)
        }
    }

    /// `ALTER TYPE` on a type that does not exist, or (for the label actions) is not an enum.
    private func missingOrNotEnum(_ name: String) -> [CatalogDiagnostic] {
        if userTypeKey(name) != nil { return [Self.typeError("\(QuotedIdentifier.quote(name)) is not an enum", "42809")] }
        return missingType(name)
    }

    /// A type the catalog does not know: PostgreSQL's refusal, or a warning when an extension
    /// (whose types Chunkwise does not list) may have defined it.
    private func missingType(_ name: String) -> [CatalogDiagnostic] {
        if hasForeignDefinitions || PostgresBuiltinCatalog.shared.types[name] != nil {
            return [.warning("type \"\(name)\" is not one a migration created; statement not modelled")]
        }
        return [Self.typeError("type \"\(name)\" does not exist", "42704")]
    }

    private static func invalidLabel(_ label: String) -> CatalogDiagnostic {
        // DETAIL: Labels must be 63 bytes or less.
        CatalogDiagnostic(severity: .error, message: "invalid enum label \"\(label)\"", sqlState: "22023")
    }

    private static func typeError(_ message: String, _ state: String) -> CatalogDiagnostic {
        CatalogDiagnostic(severity: .error, message: message, sqlState: state)
    }
}
