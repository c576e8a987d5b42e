/// The archive's schema on PostgreSQL: `Schema/PostgreSQL/archive.sql`, embedded in the binary.
///
/// One file stands for SQLite's migrations up to ``version``; a test checks that the two agree,
/// so a new SQLite migration cannot land without its PostgreSQL counterpart.
public enum PostgreSQLSchema {
    /// The SQLite schema version this file matches.
    public static let version = 4

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
    static func statements(_ text: Substring) -> [String] {
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
