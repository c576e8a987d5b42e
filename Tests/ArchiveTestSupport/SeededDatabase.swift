import ArchiveCore
import ArchiveSchema
import ArchiveSeeds
import Foundation

/// Seeded databases shared by the tests of a process: built once, removed at exit.
public enum SeededDatabase {
    /// The end day of every shared database: 2026-11-20.
    public static let endDay = StoredDateTime.days(year: 2026, month: 11, day: 20)

    /// Noon UTC on the end day: the `now` of test contexts, so relative periods find rows.
    public static let now = (endDay * 86_400) + 12 * 3_600

    private static let lock = NSLock()
    nonisolated(unsafe) private static var paths: [String: String] = [:]
    nonisolated(unsafe) private static var directory: TemporaryDirectory?

    /// The path of a database seeded with `chats` chats and `seed`, created on first use.
    public static func path(chats: Int, seed: UInt64 = 7) throws -> String {
        lock.lock()
        defer { lock.unlock() }
        let key = "\(chats)-\(seed)"
        if let path = paths[key] { return path }
        if directory == nil {
            directory = try TemporaryDirectory()
            // Statics are never released, so remove the files when the process ends.
            atexit { SeededDatabase.removeFiles() }
        }
        let path = directory!.file("seeded-\(key).sqlite")
        try Seeder.seed(at: path, options: SeedOptions(chats: chats, seed: seed, endDay: endDay, passwordIterations: 1_000))
        paths[key] = path
        return path
    }

    /// A copy of a shared seeded database that a test may change, in a directory of its own
    /// (removed when the returned directory is released).
    public static func copy(chats: Int, seed: UInt64 = 7) throws -> (directory: TemporaryDirectory, path: String) {
        let source = try path(chats: chats, seed: seed)
        let directory = try TemporaryDirectory()
        let path = directory.file("copy.sqlite")
        // The shared file is in WAL mode with everything checkpointed; the main file is the database.
        try FileManager.default.copyItem(atPath: source, toPath: path)
        return (directory, path)
    }

    /// A copy of a shared seeded database for a fixture that lives as long as the process (a
    /// static), beside the shared files and removed with them at exit: a `TemporaryDirectory`
    /// held by a static is never released, so its files would stay behind.
    public static func copyForProcess(chats: Int, seed: UInt64 = 7) throws -> String {
        let source = try path(chats: chats, seed: seed)
        let path = lock.withLock { directory!.file("copy-\(UUID().uuidString).sqlite") }
        try FileManager.default.copyItem(atPath: source, toPath: path)
        return path
    }

    private static func removeFiles() {
        if let directory { try? FileManager.default.removeItem(atPath: directory.path) }
    }
}
