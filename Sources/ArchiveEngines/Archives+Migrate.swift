import ArchivePostgres
import ArchiveSchema
import ArchiveSQLite

extension Archives {
    /// What ``migrate(_:)`` did.
    public struct MigrationOutcome: Sendable, Equatable {
        /// The schema version before, 0 for a new archive.
        public let fromVersion: Int
        /// The schema version after.
        public let toVersion: Int
        /// The migrations that ran, oldest first (empty when the archive was current).
        public let applied: [String]
    }

    /// Creates an empty archive, or brings one up to this engine's schema, each migration in a
    /// transaction of its own.
    ///
    /// - Throws: `SchemaError` for a database made by a newer engine or holding other tables.
    public static func migrate(_ location: ArchiveLocation) throws -> MigrationOutcome {
        switch location.place {
        case .file(let path):
            // WAL is switched on only after the file proved to be an archive: a refused file stays as it was.
            var configuration = Connection.Configuration()
            configuration.useWAL = false
            let connection = try Connection(path: path, configuration: configuration)
            defer { connection.close() }
            let report = try Migrator.migrate(connection)
            _ = try connection.scalar("PRAGMA journal_mode = WAL")
            return MigrationOutcome(fromVersion: report.fromVersion, toVersion: report.toVersion, applied: report.applied)
        case .postgres(let address):
            let session = try PostgresSession(address: address)
            defer { session.close() }
            let report = try PostgresMigrator.migrate(session)
            return MigrationOutcome(fromVersion: report.fromVersion, toVersion: report.toVersion, applied: report.applied)
        }
    }
}
