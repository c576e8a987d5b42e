import ArchiveCore
import ArchiveSQLite
import ArchiveSchema
import Dispatch

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why seeding failed.
public enum SeedError: Error, Sendable, Equatable, CustomStringConvertible {
    case fileExists(path: String)
    case invalidChatCount(Int)
    case invalidEndDay(Int64)
    case cancelled
    case fileSystem(path: String, reason: String)

    public var description: String {
        switch self {
        case .fileExists(let path): "\(path) already exists; pass --force to replace it"
        case .invalidChatCount(let count): "the chat count must be between 1 and \(SeedOptions.maximumChats), not \(count)"
        case .invalidEndDay: "the end date must be between 1980-01-01 and 9000-12-31"
        case .cancelled: "seeding was cancelled; no database was written"
        case let .fileSystem(path, reason): "\(path): \(reason)"
        }
    }
}

/// One step of seeding, for progress reports.
public struct SeedProgress: Sendable, Equatable {
    public enum Phase: String, Sendable {
        case schema = "Creating tables"
        case associates = "Associates and companies"
        case persons = "Persons"
        case otherIndexes = "Indexes of the other tables"
        case chats = "Chat sessions"
        case chatIndexes = "Indexes of chat sessions"
        case finishing = "Finishing"
    }

    public let phase: Phase
    /// Work done in this phase, in units of `total`.
    public let completed: Int
    public let total: Int
}

/// What was seeded.
public struct SeedReport: Sendable {
    public let path: String
    public let plan: SeedPlan
    /// Row counts of every table, by name.
    public let rowCounts: [String: Int]
    /// The seed and the end day the rows were made from: the same pair and chat count give the same rows.
    public let seed: UInt64
    public let endDay: Int64
}

/// Builds a seeded archive database.
///
/// ```swift
/// let report = try Seeder.seed(at: "demo.sqlite", options: SeedOptions(chats: 10_000, seed: 7))
/// ```
///
/// The database is built in a temporary file beside `path` and renamed over it only when
/// complete, so a failure or a cancellation leaves `path` as it was. Rows are inserted before the
/// indexes are created (sorting once is faster than keeping ~150 indexes up to date), with the
/// journal off: the temporary file is thrown away if anything goes wrong.
public enum Seeder {
    @discardableResult
    public static func seed(
        at path: String,
        options: SeedOptions,
        progress: (SeedProgress) -> Void = { _ in },
        isCancelled: () -> Bool = { false }
    ) throws -> SeedReport {
        guard (1...SeedOptions.maximumChats).contains(options.chats) else { throw SeedError.invalidChatCount(options.chats) }
        guard SeedOptions.endDays.contains(options.endDay) else { throw SeedError.invalidEndDay(options.endDay) }
        if access(path, F_OK) == 0 && !options.force { throw SeedError.fileExists(path: path) }
        let temporaryPath = temporaryPath(beside: path)
        removeDatabaseFiles(at: temporaryPath)
        do {
            let report = try build(at: temporaryPath, reportedPath: path, options: options, progress: progress, isCancelled: isCancelled)
            try synchronize(temporaryPath)
            try moveIntoPlace(temporaryPath, path, replacing: options.force)
            return report
        } catch let error as SQLiteError where error.isInterruption && isCancelled() {
            removeDatabaseFiles(at: temporaryPath)
            throw SeedError.cancelled
        } catch {
            removeDatabaseFiles(at: temporaryPath)
            throw error
        }
    }

    /// Renames the finished file to `path`. Without `replacing`, an existing file is never
    /// overwritten, even one created while seeding ran: `link` fails when the name is taken.
    private static func moveIntoPlace(_ temporaryPath: String, _ path: String, replacing: Bool) throws {
        if replacing {
            // The old database's WAL and shared-memory files must not be applied to the new file.
            // (Replacing a database that a running server has open is not supported.)
            removeDatabaseFiles(at: path, keepingMain: true)
            guard rename(temporaryPath, path) == 0 else {
                throw SeedError.fileSystem(path: path, reason: "cannot move the new database into place: \(String(cString: strerror(errno)))")
            }
        } else {
            guard link(temporaryPath, path) == 0 else {
                if errno == EEXIST { throw SeedError.fileExists(path: path) }
                throw SeedError.fileSystem(path: path, reason: "cannot move the new database into place: \(String(cString: strerror(errno)))")
            }
            unlink(temporaryPath)
        }
        try synchronize(directory(of: path))
    }

    /// Flushes a file (or directory) to disk: seeding writes with `synchronous = OFF`, so the data
    /// must reach the disk before the rename makes it visible.
    private static func synchronize(_ path: String) throws {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 || errno == EINVAL else {
            throw SeedError.fileSystem(path: path, reason: "cannot flush to disk: \(String(cString: strerror(errno)))")
        }
    }

    private static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    private static func build(
        at temporaryPath: String, reportedPath: String, options: SeedOptions,
        progress: (SeedProgress) -> Void, isCancelled: () -> Bool
    ) throws -> SeedReport {
        var configuration = Connection.Configuration()
        configuration.useWAL = false
        configuration.foreignKeys = false
        let connection = try Connection(path: temporaryPath, mode: .readWrite, configuration: configuration)
        defer { connection.close() }
        try connection.execute("""
            PRAGMA journal_mode = OFF;
            PRAGMA synchronous = OFF;
            PRAGMA locking_mode = EXCLUSIVE;
            PRAGMA temp_store = MEMORY;
            PRAGMA cache_size = -524288;
            PRAGMA threads = 2;
            """)
        let context = SeedContext(options: options)
        func checkCancelled() throws { if isCancelled() { throw SeedError.cancelled } }
        // Ctrl-C also stops a long statement (an index build) through the progress handler.
        return try withoutActuallyEscaping(isCancelled) { isCancelled in
            try connection.withStopCondition(isCancelled) {
                try populate(connection, context: context, reportedPath: reportedPath, progress: progress, checkCancelled: checkCancelled)
            }
        }
    }

    private static func populate(
        _ connection: Connection, context: SeedContext, reportedPath: String,
        progress: (SeedProgress) -> Void, checkCancelled: () throws -> Void
    ) throws -> SeedReport {
        let plan = context.plan

        progress(SeedProgress(phase: .schema, completed: 0, total: 1))
        try Migrator.migrate(connection)
        let indexes = try dropIndexes(connection)

        let (associates, persons) = try connection.transaction(.immediate) {
            _ = try ListSeeder.seed(connection, context)
            _ = try TopicSeeder.seed(connection, context)
            progress(SeedProgress(phase: .associates, completed: 0, total: 2))
            let associates = try AssociateSeeder.seed(connection, context)
            progress(SeedProgress(phase: .associates, completed: 1, total: 2))
            let companies = try CompanySeeder.seed(connection, context, associates)
            progress(SeedProgress(phase: .associates, completed: 2, total: 2))
            try checkCancelled()
            let persons = try PersonSeeder.seed(connection, context, associates, companies) { done in
                progress(SeedProgress(phase: .persons, completed: done, total: plan.customers))
                try checkCancelled()
            }
            // Their details come from streams of their own: the rows above stay as they were.
            try ExtraListSeeder.seed(connection, context)
            let companyDetails = try CompanyDetailSeeder.seed(connection, context)
            try PersonDetailSeeder.seed(connection, context, companies: companyDetails)
            return (associates, persons)
        }

        // Chats are generated on another thread while this one indexes the other tables, then
        // inserted batch by batch as they arrive.
        let generator = ChatGenerator(context: context, associates: associates, persons: persons)
        let channel = BoundedChannel<[[DatabaseValue]]>(capacity: 8)
        let generated = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            generator.generate(batchSize: 10_000) { channel.send($0) }
            channel.finish()
            generated.signal()
        }
        defer {
            channel.cancel()
            generated.wait()
        }

        let (chatIndexes, otherIndexes) = indexes.partitioned { $0.table == "chat_session" }
        try createIndexes(otherIndexes, phase: .otherIndexes, connection, progress: progress, checkCancelled: checkCancelled)

        let writer = try TableWriter(connection, table: "chat_session", columns: ChatGenerator.columns)
        try connection.transaction(.immediate) {
            // A new archive's chats are its beginning, not changes anyone is told of.
            try connection.execute("UPDATE archive_write_context SET events = 0 WHERE id = 1")
            defer { try? connection.execute("UPDATE archive_write_context SET events = 1 WHERE id = 1") }
            var inserted = 0
            while let batch = channel.receive() {
                for row in batch { try writer.insert(row) }
                inserted += batch.count
                progress(SeedProgress(phase: .chats, completed: inserted, total: plan.chats))
                try checkCancelled()
            }
        }
        try createIndexes(chatIndexes, phase: .chatIndexes, connection, progress: progress, checkCancelled: checkCancelled)

        progress(SeedProgress(phase: .finishing, completed: 0, total: 1))
        // Exact statistics (under a second for a million chats): sampled ones cap the rows per
        // value at the sample size, and then both SQLite and the archive's planner take a
        // status shared by a third of the chats for a rare one.
        try connection.execute("PRAGMA analysis_limit = 0; ANALYZE;")
        let rowCounts = try connection.tableRowCounts()
        try connection.execute("PRAGMA locking_mode = NORMAL; PRAGMA journal_mode = DELETE;")
        _ = try connection.scalar("PRAGMA journal_mode = WAL")
        progress(SeedProgress(phase: .finishing, completed: 1, total: 1))
        return SeedReport(path: reportedPath, plan: plan, rowCounts: rowCounts, seed: context.options.seed, endDay: context.options.endDay)
    }

    private static func createIndexes(
        _ indexes: [(name: String, table: String, sql: String)], phase: SeedProgress.Phase, _ connection: Connection,
        progress: (SeedProgress) -> Void, checkCancelled: () throws -> Void
    ) throws {
        for (offset, index) in indexes.enumerated() {
            try checkCancelled()
            progress(SeedProgress(phase: phase, completed: offset, total: indexes.count))
            try connection.execute(index.sql)
        }
        progress(SeedProgress(phase: phase, completed: indexes.count, total: indexes.count))
    }

    /// Drops every explicit index and returns their definitions, in creation order.
    private static func dropIndexes(_ connection: Connection) throws -> [(name: String, table: String, sql: String)] {
        let indexes = try connection.rows("SELECT name, tbl_name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL ORDER BY rowid")
            .map { (name: $0[0].textValue!, table: $0[1].textValue!, sql: $0[2].textValue!) }
        for index in indexes { try connection.execute("DROP INDEX \(index.name)") }
        return indexes
    }

    static func temporaryPath(beside path: String) -> String {
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        return "\(directory).\(name).seeding-\(getpid())"
    }

    private static func removeDatabaseFiles(at path: String, keepingMain: Bool = false) {
        if !keepingMain { unlink(path) }
        for suffix in ["-journal", "-wal", "-shm"] { unlink(path + suffix) }
    }
}

extension Array {
    /// The elements that match, and those that do not, each in their original order.
    fileprivate func partitioned(by belongsInFirst: (Element) -> Bool) -> ([Element], [Element]) {
        var first: [Element] = [], second: [Element] = []
        for element in self { if belongsInFirst(element) { first.append(element) } else { second.append(element) } }
        return (first, second)
    }
}
