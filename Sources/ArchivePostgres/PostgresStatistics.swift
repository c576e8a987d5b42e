import ArchiveCore
import Foundation

/// What the planner should know about a PostgreSQL archive, read from the server's catalog:
/// the sizes `ANALYZE` estimated (`pg_class.reltuples`), the spread of values (`pg_stats`),
/// the indexes by their first column, and the `NOT NULL` columns.
enum PostgresStatistics {
    /// The archive's tables are in the session's first schema on the search path.
    private static let schemaOID = "current_schema()::text::regnamespace"

    static func read(_ session: PostgresSession) throws -> DatabaseStatistics {
        var rowCounts: [String: Double] = [:]
        try session.forEachRow("""
            SELECT c.relname, c.reltuples FROM pg_class AS c
            WHERE c.relnamespace = \(schemaOID) AND c.relkind = 'r' AND c.reltuples >= 0
            """, []) { row in
            if let table = row.string(at: 0), let rows = row.optionalDouble(at: 1) { rowCounts[table] = rows }
        }

        var rowsPerValue: [String: [String: Double]] = [:]
        try session.forEachRow("""
            SELECT s.tablename, s.attname, s.n_distinct FROM pg_stats AS s WHERE s.schemaname = current_schema() AND s.n_distinct <> 0
            """, []) { row in
            guard let table = row.string(at: 0), let column = row.string(at: 1), let distinct = row.optionalDouble(at: 2),
                let rows = rowCounts[table], rows > 0
            else { return }
            // Positive: the number of distinct values; negative: minus their share of the rows.
            let values = distinct > 0 ? distinct : -distinct * rows
            rowsPerValue[table, default: [:]][column] = rows / max(1, values)
        }

        // Ascending indexes by their first key: a column, or archive_fold(column) for the
        // case-insensitive ones. One-column indexes first, as SQLite's statistics prefer them.
        var indexes: [String: [String: String]] = [:]
        try session.forEachRow("""
            SELECT t.relname, i.relname, pg_get_indexdef(x.indexrelid, 1, true), x.indoption[0]
            FROM pg_index AS x JOIN pg_class AS i ON i.oid = x.indexrelid JOIN pg_class AS t ON t.oid = x.indrelid
            WHERE t.relnamespace = \(schemaOID)
            ORDER BY t.relname, x.indnkeyatts, i.relname
            """, []) { row in
            guard let table = row.string(at: 0), let index = row.string(at: 1), var key = row.string(at: 2) else { return }
            // indoption bit 0: descending.
            guard row.int64(at: 3) & 1 == 0 else { return }
            if key.hasPrefix("archive_fold("), key.hasSuffix(")") { key = String(key.dropFirst("archive_fold(".count).dropLast()) }
            key = key.trimmingCharacters(in: ["\""])
            if indexes[table]?[key] == nil { indexes[table, default: [:]][key] = index }
        }

        var notNullColumns: [String: Set<String>] = [:]
        try session.forEachRow("""
            SELECT c.relname, a.attname FROM pg_attribute AS a JOIN pg_class AS c ON c.oid = a.attrelid
            WHERE c.relnamespace = \(schemaOID) AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped AND a.attnotnull
            """, []) { row in
            if let table = row.string(at: 0), let column = row.string(at: 1) { notNullColumns[table, default: []].insert(column) }
        }
        return DatabaseStatistics(rowCounts: rowCounts, rowsPerValue: rowsPerValue, indexes: indexes, notNullColumns: notNullColumns)
    }

    /// Changes when the statistics may have: the tables' sizes as `ANALYZE` (or `VACUUM`) last
    /// recorded them in `pg_class`, which replicas receive from their primary, and the times of
    /// the last analyses on this server (`pg_stat_user_tables`, not replicated).
    static func fingerprint(_ session: PostgresSession) throws -> String {
        var text = ""
        try session.forEachRow("""
            SELECT coalesce(string_agg(c.relname || ':' || c.reltuples::text || ':' || c.relpages::text || ':'
                       || coalesce(greatest(s.last_analyze, s.last_autoanalyze)::text, ''), ',' ORDER BY c.relname), '')
            FROM pg_class AS c LEFT JOIN pg_stat_user_tables AS s ON s.relid = c.oid
            WHERE c.relnamespace = \(schemaOID) AND c.relkind = 'r'
            """, []) { text = $0.string(at: 0) ?? "" }
        return text
    }
}
