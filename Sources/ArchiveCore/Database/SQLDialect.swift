/// The SQL dialects statements are written in.
public enum SQLDialect: String, Sendable, Hashable {
    case sqlite
    case postgresql

    /// The placeholder of the `number`th value (from 1): `?` or `$n`.
    func placeholder(_ number: Int) -> String {
        switch self {
        case .sqlite: "?"
        case .postgresql: "$\(number)"
        }
    }

    /// `expression` as text compared without regard to ASCII case: the schema's `NOCASE` on
    /// SQLite, `archive_fold` (which the indexes are on) on PostgreSQL.
    func folded(_ expression: String) -> String {
        switch self {
        case .sqlite: expression + " COLLATE NOCASE"
        case .postgresql: "archive_fold(" + expression + ")"
        }
    }

    /// The id a new row of `table` gets: one the table never held. SQLite would give the largest
    /// id plus one, which a deleted newest row had; the archive's `archive_id_high_water` (V005)
    /// remembers the largest id deleted. PostgreSQL's identity sequences never repeat a value.
    func newID(for table: String) -> String {
        switch self {
        case .sqlite:
            "(SELECT max(coalesce((SELECT max(id) FROM \(table)), 0), coalesce((SELECT last_id FROM archive_id_high_water WHERE table_name = '\(table)'), 0)) + 1)"
        case .postgresql:
            "DEFAULT"
        }
    }

    /// A bound value (dates as text in ``StoredDateTime``'s formats) as a column of `type` takes it.
    func cast(_ placeholder: String, to type: StoredType) -> String {
        switch (self, type) {
        case (.sqlite, _), (_, .plain): placeholder
        case (.postgresql, .date): "CAST(" + placeholder + " AS date)"
        case (.postgresql, .dateTime): "CAST(" + placeholder + " AS timestamp)"
        }
    }
}
