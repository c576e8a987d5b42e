import ArchivePostgres
public import ArchiveSeeds
import Foundation

extension Archives {
    /// What seeding reports as it goes.
    public enum SeedStep: Sendable {
        /// Making the rows (on PostgreSQL, in a private SQLite file first).
        case generating(SeedProgress)
        /// Copying them to the server (`table` nil while the indexes are built).
        case copying(table: String?, completed: Int, total: Int)
    }

    /// Seeds an archive with deterministic rows: a SQLite file is built beside its path and
    /// renamed over it when complete; a PostgreSQL database gets the same rows by `COPY` in one
    /// transaction, so that a stopped or failed seed leaves either as it was.
    ///
    /// - Parameter force: Replaces an archive that is already there.
    /// - Throws: `SeedError`, `PostgresLoader.LoadError` (a database already holding an archive
    ///   without `force`), or the engine's failure.
    @discardableResult
    public static func seed(
        _ location: ArchiveLocation, options: SeedOptions,
        progress: @escaping (SeedStep) -> Void = { _ in }, isCancelled: @escaping @Sendable () -> Bool = { false }
    ) throws -> SeedReport {
        switch location.place {
        case .file(let path):
            return try Seeder.seed(at: path, options: options, progress: { progress(.generating($0)) }, isCancelled: isCancelled)
        case .postgres(let address):
            let session = try PostgresSession(address: address)
            defer { session.close() }
            // Refused before the rows are made rather than after.
            let existing = try PostgresMigrator.version(of: session)
            if existing > 0 && !options.force { throw PostgresLoader.LoadError.notEmpty(address: address.description, version: existing) }
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("archive-seed-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: folder) }
            var fileOptions = options
            fileOptions.force = false
            let report = try Seeder.seed(
                at: folder + "/seeded.sqlite", options: fileOptions, progress: { progress(.generating($0)) }, isCancelled: isCancelled)
            try PostgresLoader.load(
                sqlitePath: folder + "/seeded.sqlite", into: session, replacing: options.force,
                progress: { progress(.copying(table: $0.table, completed: $0.completed, total: $0.total)) }, isCancelled: isCancelled)
            return report
        }
    }
}
