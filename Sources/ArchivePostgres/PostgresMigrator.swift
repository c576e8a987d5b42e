import ArchiveCore
public import ArchiveSchema
import ArchiveSQLite

/// Creates the archive schema in a PostgreSQL database or upgrades an archive to this engine's
/// schema, and checks that a database is an archive of this engine's schema.
///
/// The version lives in a table, `archive_schema_version`, as SQLite keeps it in
/// `PRAGMA user_version`. An empty database gets the baseline (``PostgreSQLSchema``'s
/// `archive.sql`) in one transaction; then it, or an older archive, gets the numbered migrations
/// it lacks, each in a transaction of its own with its version (PostgreSQL's DDL is
/// transactional), so that a failure leaves the archive at the last version that applied.
public enum PostgresMigrator {
    static let versionTable = "archive_schema_version"

    /// The schema version recorded in the database; 0 when it has none.
    public static func version(of session: PostgresSession) throws -> Int {
        guard try tableExists(versionTable, session) else { return 0 }
        var version = 0
        try session.forEachRow("SELECT max(version) FROM \(versionTable)", []) { version = Int($0.int64(at: 0)) }
        return version
    }

    /// Brings the database up to the current schema.
    ///
    /// - Parameter withIndexes: false leaves out the indexes and foreign keys, for a bulk load
    ///   that applies them after (``PostgresLoader``).
    /// - Throws: ``SchemaError`` for a database from a newer engine or holding other tables, or
    ///   the ``PostgresError`` of the statement that failed (everything rolled back).
    @discardableResult
    public static func migrate(_ session: PostgresSession, withIndexes: Bool = true) throws -> Migrator.Report {
        let found = try checkCompatibility(session)
        var applied: [String] = []
        if found == 0 {
            try session.transaction {
                try createTables(session)
                if withIndexes { try createIndexes(session) }
            }
            applied.append("PostgreSQL/archive.sql")
            guard withIndexes else { return Migrator.Report(fromVersion: 0, toVersion: PostgreSQLSchema.baselineVersion, applied: applied) }
        }
        applied += try upgrade(session, from: max(found, PostgreSQLSchema.baselineVersion))
        return Migrator.Report(fromVersion: found, toVersion: PostgreSQLSchema.version, applied: applied)
    }

    /// Applies the numbered migrations above `version`, each with its version in one transaction.
    static func upgrade(_ session: PostgresSession, from version: Int) throws -> [String] {
        var applied: [String] = []
        for migration in PostgreSQLSchema.migrations where migration.version > version {
            try session.transaction {
                for statement in PostgreSQLSchema.statements(migration.sql[...]) { try session.execute(statement) }
                try session.execute("UPDATE \(versionTable) SET version = $1", [.integer(Int64(migration.version))])
            }
            applied.append(migration.fileName)
        }
        return applied
    }

    /// The tables, the function and the version row, without indexes.
    static func createTables(_ session: PostgresSession) throws {
        for statement in PostgreSQLSchema.tables { try session.execute(statement) }
        try session.execute("CREATE TABLE \(versionTable) (version bigint NOT NULL)")
        try session.execute("INSERT INTO \(versionTable) (version) VALUES ($1)", [.integer(Int64(PostgreSQLSchema.baselineVersion))])
    }

    /// The indexes and foreign keys, and the identities moved past the largest ids.
    static func createIndexes(_ session: PostgresSession) throws {
        for statement in PostgreSQLSchema.indexes { try session.execute(statement) }
    }

    /// Checks that the database can be used as it is, without migrating.
    ///
    /// - Throws: ``SchemaError`` for a newer, older or foreign database.
    public static func requireCurrent(_ session: PostgresSession) throws {
        let found = try checkCompatibility(session)
        if found < PostgreSQLSchema.version {
            throw SchemaError.databaseOlder(path: session.address.description, version: found, required: PostgreSQLSchema.version)
        }
    }

    /// The database's version after refusing newer and foreign databases.
    private static func checkCompatibility(_ session: PostgresSession) throws -> Int {
        let found = try version(of: session)
        let name = session.address.description
        if found > PostgreSQLSchema.version {
            throw SchemaError.databaseNewer(path: name, version: found, supported: PostgreSQLSchema.version)
        }
        if found == 0 {
            var tables = 0
            try session.forEachRow(
                "SELECT count(*) FROM pg_class WHERE relnamespace = current_schema()::text::regnamespace AND relkind IN ('r', 'v', 'm', 'p')", []
            ) { tables = Int($0.int64(at: 0)) }
            if tables > 0 {
                throw SchemaError.notAnArchive(path: name, reason: "its schema has \(tables) table\(tables == 1 ? "" : "s") but no archive schema version")
            }
        }
        return found
    }

    static func tableExists(_ table: String, _ session: PostgresSession) throws -> Bool {
        var exists = false
        try session.forEachRow("SELECT to_regclass($1) IS NOT NULL", [.text(table)]) { exists = $0.int64(at: 0) == 1 }
        return exists
    }
}
