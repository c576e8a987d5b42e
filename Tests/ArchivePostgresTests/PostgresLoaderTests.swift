import ArchiveCore
import ArchivePostgres
import ArchiveSchema
import ArchiveSQLite
import ArchiveTestSupport
import Testing

/// Loading a SQLite archive into PostgreSQL with `COPY`: every value arrives as it was, a
/// database holding an archive is refused or replaced whole, and a stopped load changes nothing.
@Suite("Loading into PostgreSQL", .needsPostgreSQL)
struct PostgresLoaderTests {
    /// Text that `COPY`'s text format must escape, and text it must not touch.
    static let awkwardNames = [
        "tab\there", "two\nlines", "carriage\rreturn", "back\\slash", "\\N", "\\.", "Østby-Ærø 東京", "", "emoji 🧪", "quote ' and \"",
    ]

    /// A writable copy of a small seeded archive whose first people have awkward last names
    /// (the last one NULL).
    static func awkwardArchive() throws -> (TemporaryDirectory, String) {
        let (directory, path) = try SeededDatabase.copy(chats: 300, seed: 11)
        let connection = try Connection(path: path)
        defer { connection.close() }
        for (index, name) in awkwardNames.enumerated() {
            try connection.run("UPDATE person SET last_name = ? WHERE id = ?", [name, Int64(index + 1)])
        }
        try connection.run("UPDATE person SET last_name = NULL WHERE id = ?", [Int64(awkwardNames.count + 1)])
        return (directory, path)
    }

    static func people(_ database: any ArchiveDatabase) throws -> [[DatabaseValue]] {
        var rows: [[DatabaseValue]] = []
        try database.forEachRow("SELECT id, last_name, full_name, email, contact_id FROM person ORDER BY id", []) { row in
            rows.append((0..<row.count).map { row.value(at: $0) })
        }
        return rows
    }

    static func chatCount(_ session: PostgresSession) throws -> Int64 {
        var count: Int64 = -1
        try session.forEachRow("SELECT count(*) FROM chat_session", []) { count = $0.int64(at: 0) }
        return count
    }

    @Test func everyValueArrivesAsItWas() async throws {
        let (directory, path) = try Self.awkwardArchive()
        _ = directory
        let sqlite = try Connection(path: path, mode: .readOnly)
        defer { sqlite.close() }
        let expected = try Self.people(sqlite)
        #expect(expected.prefix(Self.awkwardNames.count).map { $0[1] } == Self.awkwardNames.map { .text($0) })

        let pool = try PostgresSessionTests.emptyDatabase()
        defer { pool.close() }
        let (loaded, counts) = try await pool.withSession { session in
            let counts = try PostgresLoader.load(sqlitePath: path, into: session, replacing: false)
            return (try Self.people(session), counts)
        }
        #expect(loaded == expected)
        #expect(counts["chat_session"] == 300)
        try await pool.withSession { session in try PostgresMigrator.requireCurrent(session) }
    }

    @Test func rowsAddedAfterALoadGetNewIDs() async throws {
        let path = try SeededDatabase.path(chats: 300, seed: 11)
        let pool = try PostgresSessionTests.emptyDatabase()
        defer { pool.close() }
        let (newID, largest) = try await pool.withSession { session in
            try PostgresLoader.load(sqlitePath: path, into: session, replacing: false)
            var largest: Int64 = 0
            try session.forEachRow("SELECT max(id) FROM source", []) { largest = $0.int64(at: 0) }
            var newID: Int64 = 0
            try session.forEachRow("INSERT INTO source (name_en, name_no, name_sv, name_de) VALUES ('New', 'Ny', 'Ny', 'Neu') RETURNING id", []) {
                newID = $0.int64(at: 0)
            }
            return (newID, largest)
        }
        #expect(largest > 0)
        #expect(newID == largest + 1)
    }

    @Test func anArchiveIsRefusedUnlessReplacedAndAStoppedLoadChangesNothing() async throws {
        let small = try SeededDatabase.path(chats: 300, seed: 11)
        let (directory, awkward) = try Self.awkwardArchive()
        _ = directory
        let pool = try PostgresSessionTests.emptyDatabase()
        defer { pool.close() }
        try await pool.withSession { session in
            try PostgresLoader.load(sqlitePath: small, into: session, replacing: false)
            let before = try Self.people(session)

            #expect(throws: PostgresLoader.LoadError.notEmpty(address: session.address.description, version: PostgreSQLSchema.version)) {
                try PostgresLoader.load(sqlitePath: awkward, into: session, replacing: false)
            }
            // A stopped load: the old archive is still there, whole.
            #expect(throws: PostgresLoader.LoadError.cancelled) {
                try PostgresLoader.load(sqlitePath: awkward, into: session, replacing: true, isCancelled: { true })
            }
            #expect(try Self.people(session) == before)
            #expect(try Self.chatCount(session) == 300)
            try PostgresMigrator.requireCurrent(session)

            // Replaced: the new rows, the old ones gone.
            try PostgresLoader.load(sqlitePath: awkward, into: session, replacing: true)
            let sqlite = try Connection(path: awkward, mode: .readOnly)
            defer { sqlite.close() }
            #expect(try Self.people(session) == Self.people(sqlite))
        }
    }
}

/// On PostgreSQL the count is kept in sixteen rows, one per backend slot: writers on several
/// sessions at once keep it exact.
@Suite("The kept count of chats on PostgreSQL", .needsPostgreSQL)
struct PostgresGrandTotalTests {
    @Test func concurrentWritersKeepTheCountExact() async throws {
        let (directory, path) = try SeededDatabase.copy(chats: 300)
        _ = directory
        let pool = try PostgresSessionTests.emptyDatabase()
        defer { pool.close() }
        try await pool.withSession { session in _ = try PostgresLoader.load(sqlitePath: path, into: session, replacing: false) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<3 {
                group.addTask {
                    try await pool.withSession { session in
                        for index in 0..<20 {
                            try session.execute(
                                "INSERT INTO chat_session (topic_id, status, when_requested, queue_length) VALUES (1, 3, '2026-11-20 10:00:00', \(writer * 100 + index))")
                        }
                        try session.execute("DELETE FROM chat_session WHERE id IN (SELECT id FROM chat_session WHERE queue_length = \(writer * 100) LIMIT 1)")
                    }
                }
            }
            try await group.waitForAll()
        }
        let (counted, total) = try await pool.withSession { session in
            var counted: Int64 = 0
            try session.forEachRow("SELECT count(*) FROM chat_session", []) { counted = $0.int64(at: 0) }
            let page = try ArchiveProvider().page(ArchiveQuery(select: ["Count(chatSessionId)"]), context: QueryContext(), database: session)
            return (counted, page.rows.last.flatMap { row -> Int64? in if case .integer(let n) = row.cells[0].raw { n } else { nil } })
        }
        #expect(counted >= 300 + 60 - 3 - 3)
        #expect(total == counted)
    }
}
