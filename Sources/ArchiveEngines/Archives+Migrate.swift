import ArchivePostgres
import ArchiveSchema
import ArchiveSQLite
import Foundation

extension Archives {
    /// What ``migrate(_:)`` did.
    public struct MigrationOutcome: Sendable, Equatable {
        /// The schema version before, 0 for a new archive.
        public let fromVersion: Int
        /// The schema version after.
        public let toVersion: Int
        /// The migrations that ran, oldest first (empty when the archive was current).
        public let applied: [String]
        /// The copy of the archive as it was before an upgrade, when one was made.
        public var backup: String? = nil
    }

    /// Creates an empty archive, or brings one up to this engine's schema, each migration in a
    /// transaction of its own.
    ///
    /// - Parameter backup: Before upgrading a SQLite archive, copy it beside itself
    ///   (`FILE.vN.backup`, N its version) with ``backup(_:to:)``. A PostgreSQL archive is upgraded
    ///   one migration per transaction, and backed up with PostgreSQL's own tools.
    /// - Throws: `SchemaError` for a database made by a newer engine or holding other tables.
    public static func migrate(_ location: ArchiveLocation, backup: Bool = true) throws -> MigrationOutcome {
        switch location.place {
        case .file(let path):
            let copy = backup ? try backupBeforeUpgrade(path) : nil
            // WAL is switched on only after the file proved to be an archive: a refused file stays as it was.
            var configuration = Connection.Configuration()
            configuration.useWAL = false
            let connection = try Connection(path: path, configuration: configuration)
            defer { connection.close() }
            let report = try Migrator.migrate(connection)
            _ = try connection.scalar("PRAGMA journal_mode = WAL")
            return MigrationOutcome(fromVersion: report.fromVersion, toVersion: report.toVersion, applied: report.applied, backup: copy)
        case .postgres(let address):
            let session = try PostgresSession(address: address)
            defer { session.close() }
            let report = try PostgresMigrator.migrate(session)
            return MigrationOutcome(fromVersion: report.fromVersion, toVersion: report.toVersion, applied: report.applied)
        }
    }

    /// Copies an archive file that is about to be upgraded; nil when there is nothing to upgrade.
    private static func backupBeforeUpgrade(_ path: String) throws -> String? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let version = try {
            let connection = try Connection(path: path, mode: .readOnly, configuration: .reading)
            defer { connection.close() }
            return try Migrator.version(of: connection)
        }()
        guard version > 0, version < ArchiveSchema.currentVersion else { return nil }
        var copy = "\(path).v\(version).backup", number = 1
        while FileManager.default.fileExists(atPath: copy) {
            number += 1
            copy = "\(path).v\(version).backup\(number)"
        }
        try backup(try ArchiveLocation(path), to: copy)
        return copy
    }
}
