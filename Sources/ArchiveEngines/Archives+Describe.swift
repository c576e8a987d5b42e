import ArchiveCore
import ArchivePostgres
import ArchiveSchema
import ArchiveSQLite
import Foundation

extension Archives {
    /// What `archive info` shows of an archive.
    public struct Description: Sendable {
        /// The engine and its version ("SQLite 3.40.1", "PostgreSQL 15.18").
        public let engine: String
        /// The file's size, or the database's, in bytes.
        public let sizeBytes: Int64
        /// The archive's schema version, and the one this engine makes.
        public let schemaVersion: Int
        public let currentSchemaVersion: Int
        /// Engine-specific facts worth a line (SQLite's journal mode).
        public let details: [(name: String, value: String)]
        /// Every table with its rows.
        public let tableRowCounts: [String: Int]
    }

    /// Describes the archive without changing it.
    public static func describe(_ location: ArchiveLocation) throws -> Description {
        switch location.place {
        case .file(let path):
            try requireFile(path)
            let size = ((try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? NSNumber)?.int64Value ?? 0
            let connection = try Connection(path: path, mode: .readOnly)
            defer { connection.close() }
            return Description(
                engine: "SQLite \(Connection.sqliteVersion)", sizeBytes: size, schemaVersion: try Migrator.version(of: connection),
                currentSchemaVersion: ArchiveSchema.currentVersion,
                details: [("Journal mode", try connection.scalar("PRAGMA journal_mode")?.textValue ?? "?")],
                tableRowCounts: try connection.tableRowCounts())
        case .postgres(let address):
            let session = try PostgresSession(address: address)
            defer { session.close() }
            return try describe(session)
        }
    }

    private static func describe(_ session: PostgresSession) throws -> Description {
        var (version, size) = ("", Int64(0))
        try session.forEachRow("SELECT current_setting('server_version'), pg_database_size(current_database())", []) { row in
            version = row.string(at: 0) ?? ""
            size = row.int64(at: 1)
        }
        var tables: [String] = []
        try session.forEachRow("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1", []) { row in
            if let name = row.string(at: 0) { tables.append(name) }
        }
        var counts: [String: Int] = [:]
        for table in tables {
            try session.forEachRow("SELECT count(*) FROM \"\(table)\"", []) { counts[table] = Int($0.int64(at: 0)) }
        }
        return Description(
            engine: "PostgreSQL \(version)", sizeBytes: size, schemaVersion: try PostgresMigrator.version(of: session),
            currentSchemaVersion: PostgreSQLSchema.version, details: [], tableRowCounts: counts)
    }
}
