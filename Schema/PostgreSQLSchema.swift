import ArchiveCore
/// The archive's schema on PostgreSQL, embedded in the binary: `Schema/PostgreSQL/archive.sql`,
/// which creates an archive of version ``baselineVersion`` from empty, then the numbered
/// migrations (`Vnnn__name.sql`) that bring it, or an existing archive, up to ``version``.
///
/// The versions are SQLite's: a test checks that the two agree, so a new SQLite migration cannot
/// land without its PostgreSQL counterpart.
public enum PostgreSQLSchema {
    /// The version `archive.sql` creates (SQLite's migrations up to V004).
    public static let baselineVersion = 4

    /// The migrations after the baseline, oldest first. A new `Schema/PostgreSQL/Vnnn__name.sql`
    /// is added here and in `Package.swift`.
    public static let migrations: [Migration] = [
        Migration(version: 5, fileName: "PostgreSQL/V005__identities_past_every_id.sql", bytes: PackageResources.V005__identities_past_every_id_sql),
    ]

    /// The schema version this build of the engine creates and understands.
    public static var version: Int { migrations.last?.version ?? baselineVersion }

    /// The line that starts the second part: the indexes and foreign keys, applied after a bulk load.
    static let indexesMarker = "-- Indexes and foreign keys"

    /// The whole file.
    public static var sql: String { String(decoding: PackageResources.archive_sql, as: UTF8.self) }

    /// The function, the tables and their generated columns.
    public static var tables: [String] { statements(parts.tables) }

    /// The indexes and foreign keys, and the identities moved past the largest ids.
    public static var indexes: [String] { statements(parts.indexes) }

    private static var parts: (tables: Substring, indexes: Substring) {
        let text = sql
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let marker = lines.first(where: { $0.hasPrefix(indexesMarker) }) else { return (text[...], "") }
        return (text[..<marker.startIndex], text[marker.startIndex...])
    }

    /// The file's statements one by one (the extended protocol takes one per query). Statements
    /// in this file end with `;` at the end of a line; comment lines are dropped.
    public static func statements(_ text: Substring) -> [String] {
        var statements: [String] = []
        var current: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.drop { $0 == " " }
            if trimmed.hasPrefix("--") || (trimmed.isEmpty && current.isEmpty) { continue }
            current.append(line)
            if line.hasSuffix(";") {
                statements.append(current.joined(separator: "\n"))
                current = []
            }
        }
        if current.contains(where: { !$0.allSatisfy(\.isWhitespace) }) { statements.append(current.joined(separator: "\n")) }
        return statements
    }
}
