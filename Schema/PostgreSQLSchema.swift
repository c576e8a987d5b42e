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
        Migration(
            version: 6, fileName: "PostgreSQL/V006__change_feed_in_commit_order.sql",
            bytes: PackageResources.V006__change_feed_in_commit_order_sql),
        Migration(
            version: 7, fileName: "PostgreSQL/V007__webhooks_and_field_values.sql",
            bytes: PackageResources.V007__webhooks_and_field_values_sql),
        Migration(
            version: 8, fileName: "PostgreSQL/V008__details_lists_and_extra_tables.sql",
            bytes: PackageResources.V008__details_lists_and_extra_tables_sql),
        Migration(version: 9, fileName: "PostgreSQL/V009__chat_count_in_slots.sql", bytes: PackageResources.V009__chat_count_in_slots_sql),
        Migration(
            version: 10, fileName: "PostgreSQL/V010__chat_count_after_truncate.sql",
            bytes: PackageResources.V010__chat_count_after_truncate_sql),
    ]

    /// What the migrations after the baseline create (V006's change feed, V008's tables), in an
    /// order that drops dependents first: dropped when an archive is replaced.
    public static let migrationDrops = [
        "DROP TABLE IF EXISTS chat_change CASCADE",
        "DROP TABLE IF EXISTS webhook CASCADE",
        "DROP TABLE IF EXISTS chat_change_pruned CASCADE",
        "DROP SEQUENCE IF EXISTS chat_change_seq",
        "DROP FUNCTION IF EXISTS chat_session_record_change() CASCADE",
        "DROP FUNCTION IF EXISTS chat_change_stamp() CASCADE",
        "DROP FUNCTION IF EXISTS archive_records_changes()",
        "DROP FUNCTION IF EXISTS archive_changed_by()",
        "DROP TABLE IF EXISTS chat_count CASCADE",
        "DROP FUNCTION IF EXISTS chat_count_added() CASCADE",
        "DROP FUNCTION IF EXISTS chat_count_truncated() CASCADE",
        "DROP FUNCTION IF EXISTS chat_count_removed() CASCADE",
        "DROP TABLE IF EXISTS contact_extra CASCADE",
        "DROP TABLE IF EXISTS person_extra CASCADE",
        "DROP TABLE IF EXISTS y_organization CASCADE",
        "DROP TABLE IF EXISTS y_car CASCADE",
        "DROP TABLE IF EXISTS y_rental CASCADE",
        "DROP TABLE IF EXISTS y_equipment CASCADE",
        "DROP TABLE IF EXISTS appointment CASCADE",
        "DROP TABLE IF EXISTS request CASCADE",
        "DROP TABLE IF EXISTS contact_udef CASCADE",
        "DROP TABLE IF EXISTS person_udef CASCADE",
        "DROP TABLE IF EXISTS udef_field CASCADE",
        "DROP TABLE IF EXISTS contact_url CASCADE",
        "DROP TABLE IF EXISTS person_url CASCADE",
        "DROP TABLE IF EXISTS contact_phone CASCADE",
        "DROP TABLE IF EXISTS person_phone CASCADE",
        "DROP TABLE IF EXISTS contact_email CASCADE",
        "DROP TABLE IF EXISTS person_email CASCADE",
        "DROP TABLE IF EXISTS associate_detail CASCADE",
        "DROP TABLE IF EXISTS contact_detail CASCADE",
        "DROP TABLE IF EXISTS person_detail CASCADE",
        "DROP TABLE IF EXISTS address CASCADE",
        "DROP TABLE IF EXISTS contact_interest CASCADE",
        "DROP TABLE IF EXISTS person_interest CASCADE",
        "DROP TABLE IF EXISTS interest CASCADE",
        "DROP TABLE IF EXISTS list_item CASCADE",
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
    /// in these files end with `;` at the end of a line, except inside a function body between
    /// `$$` lines; comment lines are dropped.
    public static func statements(_ text: Substring) -> [String] {
        var statements: [String] = []
        var current: [Substring] = []
        var inBody = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.drop { $0 == " " }
            if trimmed.hasPrefix("--") || (trimmed.isEmpty && current.isEmpty) { continue }
            current.append(line)
            if line.ranges(of: "$$").count % 2 == 1 { inBody.toggle() }
            if !inBody && line.hasSuffix(";") {
                statements.append(current.joined(separator: "\n"))
                current = []
            }
        }
        if current.contains(where: { !$0.allSatisfy(\.isWhitespace) }) { statements.append(current.joined(separator: "\n")) }
        return statements
    }
}
