extension UserDefinedField {
    /// The definitions an archive holds (none before schema version 8), checked: a definition
    /// whose value column is not one of its kind's, or whose name is not `SuperOffice:N`-like,
    /// is refused, since both become part of SQL and column paths.
    public static func load(from database: some ArchiveDatabase) throws -> [UserDefinedField] {
        guard try database.tableExists("udef_field") else { return [] }
        var fields: [UserDefinedField] = []
        try database.forEachRow("SELECT owner, prog_id, label, field_type, position, value_column, list_id FROM udef_field ORDER BY owner, position, id", []) { row in
            guard let owner = row.value(at: 0).textValue.flatMap(Owner.init(rawValue:)), let progID = row.value(at: 1).textValue,
                let label = row.value(at: 2).textValue, let kind = row.value(at: 3).textValue.flatMap(Kind.init(rawValue:)),
                let column = row.value(at: 5).textValue, kind.valueColumns.contains(column), isValidName(progID)
            else { throw ArchiveError(.invalidDefinition, "udef_field holds a definition this engine cannot read: \(row.value(at: 1))") }
            fields.append(UserDefinedField(
                owner: owner, progID: progID, label: label, kind: kind, position: Int(row.value(at: 4).integerValue ?? 0),
                valueColumn: column, listID: row.value(at: 6).integerValue))
        }
        return fields
    }

    /// Letters, digits, `_` and `:` (not first).
    static func isValidName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.properties.isAlphabetic else { return false }
        return name.unicodeScalars.allSatisfy { ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || $0 == "_" || $0 == ":" }
    }
}

extension ChatSessionCatalog {
    /// The catalog of the archive `database` holds: with its own user-defined fields.
    public static func catalog(of database: some ArchiveDatabase) throws -> ProviderCatalog {
        catalog(userDefinedFields: try UserDefinedField.load(from: database))
    }
}
