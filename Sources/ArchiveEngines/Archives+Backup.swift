import ArchiveSchema
import ArchiveSQLite
import Foundation

extension Archives {
    /// Writes a consistent copy of a SQLite archive to a new file, while servers and imports may
    /// go on reading and writing it: the copy is the archive as one read transaction sees it
    /// (SQLite's online backup, page by page; `VACUUM INTO` would compact it, but SQLite 3.40
    /// cannot copy tables with generated columns added later that way), and opens on its own.
    ///
    /// - Returns: The copy's size in bytes.
    /// - Throws: ``ArchiveLocationError`` for a PostgreSQL archive (its own tools back it up:
    ///   `pg_dump`), a missing archive, or a copy that would replace a file.
    @discardableResult
    public static func backup(_ location: ArchiveLocation, to copy: String) throws -> Int64 {
        guard case .file(let path) = location.place else {
            throw ArchiveLocationError("a PostgreSQL archive is backed up with PostgreSQL's tools: pg_dump --format=custom --file=FILE '\(location)'")
        }
        try requireFile(path)
        // SQLite reads these names as databases in memory or in a temporary file, or as URIs.
        guard !copy.isEmpty, copy != ":memory:", !copy.hasPrefix("file:") else {
            throw ArchiveLocationError("'\(copy)' is not a file name a backup can be written to")
        }
        // Not followed: a link, even one to nothing, is a file there.
        guard (try? FileManager.default.attributesOfItem(atPath: copy)) == nil else {
            throw ArchiveLocationError("\(copy) already exists; a backup never replaces a file")
        }
        let connection = try Connection(path: path, mode: .readOnly, configuration: .reading)
        defer { connection.close() }
        try Migrator.requireArchive(connection)
        do {
            let destination = try Connection(path: copy)
            defer { destination.close() }
            try connection.copy(into: destination)
        } catch {
            // Nothing half-written is left behind.
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: copy + suffix) }
            throw error
        }
        return ((try? FileManager.default.attributesOfItem(atPath: copy)[.size]) as? NSNumber)?.int64Value ?? 0
    }
}
