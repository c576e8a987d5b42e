import ArchiveCore
public import ArchiveSQLite

/// Why a database cannot be migrated.
public enum SchemaError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file was created by a newer version of the engine.
    case databaseNewer(path: String, version: Int, supported: Int)
    /// The file holds someone else's tables (no archive version, or another application id).
    case notAnArchive(path: String, reason: String)
    /// The schema is older than this engine and the connection may not upgrade it (read-only).
    case databaseOlder(path: String, version: Int, required: Int)

    public var description: String {
        switch self {
        case let .databaseNewer(path, version, supported):
            "\(path) has schema version \(version), but this archive engine supports up to version \(supported); use a newer engine"
        case let .notAnArchive(path, reason):
            "\(path) is not an archive database: \(reason)"
        case let .databaseOlder(path, version, required):
            "\(path) has schema version \(version), but this engine needs version \(required); run `archive migrate --db \(path)`"
        }
    }
}

/// Applies the archive's migrations to a database.
///
/// Each migration runs in its own transaction together with the `PRAGMA user_version` update that
/// records it, so a failure leaves the database at the last version that applied completely.
/// Applying migrations to a current database changes nothing.
public enum Migrator {
    /// What ``migrate(_:)`` did.
    public struct Report: Sendable, Equatable {
        /// The version before migrating.
        public let fromVersion: Int
        /// The version after migrating.
        public let toVersion: Int
        /// The migrations that ran, oldest first.
        public let applied: [String]

        public init(fromVersion: Int, toVersion: Int, applied: [String]) {
            self.fromVersion = fromVersion
            self.toVersion = toVersion
            self.applied = applied
        }
    }

    /// The schema version recorded in a database (`PRAGMA user_version`).
    public static func version(of connection: Connection) throws -> Int {
        Int(try connection.scalar("PRAGMA user_version")?.integerValue ?? 0)
    }

    /// Brings the database up to ``ArchiveSchema/currentVersion``.
    ///
    /// - Throws: ``SchemaError/databaseNewer(path:version:supported:)`` for a database from a newer
    ///   engine, ``SchemaError/notAnArchive(path:reason:)`` for a file holding other tables, or the
    ///   ``SQLiteError`` of a migration that failed (rolled back).
    @discardableResult
    public static func migrate(_ connection: Connection, migrations: [Migration] = ArchiveSchema.migrations) throws -> Report {
        let start = try checkCompatibility(connection, supported: migrations.last?.version ?? 0)
        var applied: [String] = []
        for migration in migrations where migration.version > start {
            try connection.transaction(.immediate) {
                // Another process may have migrated between our check and the write lock.
                guard try version(of: connection) < migration.version else { return }
                try connection.execute(migration.sql)
                try connection.execute("PRAGMA user_version = \(migration.version)")
                if migration.version == 1 {
                    try connection.execute("PRAGMA application_id = \(ArchiveSchema.applicationID)")
                }
                applied.append(migration.fileName)
            }
        }
        return Report(fromVersion: start, toVersion: try version(of: connection), applied: applied)
    }

    /// Checks that a database can be used by this engine as it is, without migrating.
    ///
    /// - Throws: A ``SchemaError`` for a newer, older or foreign database.
    public static func requireCurrent(_ connection: Connection) throws {
        let found = try checkCompatibility(connection, supported: ArchiveSchema.currentVersion)
        if found < ArchiveSchema.currentVersion {
            throw SchemaError.databaseOlder(path: connection.path, version: found, required: ArchiveSchema.currentVersion)
        }
    }

    /// Checks that a database is an archive this engine can read or upgrade: of any version up to
    /// its own.
    ///
    /// - Throws: A ``SchemaError`` for a newer or foreign database, or one with no archive in it.
    public static func requireArchive(_ connection: Connection) throws {
        if try checkCompatibility(connection, supported: ArchiveSchema.currentVersion) == 0 {
            throw SchemaError.notAnArchive(path: connection.path, reason: "it holds no archive (no schema version)")
        }
    }

    /// Returns the database's version after refusing newer and foreign files.
    private static func checkCompatibility(_ connection: Connection, supported: Int) throws -> Int {
        let found = try version(of: connection)
        if found > supported {
            throw SchemaError.databaseNewer(path: connection.path, version: found, supported: supported)
        }
        let applicationID = try connection.scalar("PRAGMA application_id")?.integerValue ?? 0
        if applicationID != 0 && applicationID != ArchiveSchema.applicationID {
            throw SchemaError.notAnArchive(path: connection.path, reason: "it belongs to another application (application_id \(applicationID))")
        }
        if found == 0 {
            let tables = try connection.scalar("SELECT count(*) FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'")?.integerValue ?? 0
            if tables > 0 {
                throw SchemaError.notAnArchive(path: connection.path, reason: "it has \(tables) table\(tables == 1 ? "" : "s") but no archive schema version")
            }
        }
        return found
    }
}
