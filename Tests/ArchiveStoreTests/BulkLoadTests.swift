import ArchiveCore
import ArchiveEngines
import ArchivePostgres
import ArchiveSeeds
import ArchiveStore
import ArchiveTestSupport
import Foundation
import Testing

/// An import into an archive without chats (a bulk load) records what the chat table's triggers
/// record row by row: each chat's `created` event with its field values, and the count. SQLite
/// sets those triggers aside during the load and records every chat at once at its end.
@Suite("Bulk load and the triggers")
struct BulkLoadTests {
    static let now: Int64 = 1_763_632_800

    static let lines = [
        #"{"chatSessionId": 5001, "chatTopic/chatTopicId": 1, "chatTopic/name": "Sales", "whenRequested": "2026-11-20T10:00:00", "status": "Finished", "rating": 4}"#,
        #"{"chatSessionId": 5002, "chatTopic/chatTopicId": 1, "whenRequested": "2026-11-20T11:00:00", "status": "Closed", "firstMessage": "Hello"}"#,
        #"{"chatSessionId": 5003, "chatTopic/chatTopicId": 1, "whenRequested": "2026-11-20T12:00:00", "status": "Finished"}"#,
        // The first chat again, changed: recorded as created with these values on SQLite.
        #"{"chatSessionId": 5001, "chatTopic/chatTopicId": 1, "whenRequested": "2026-11-20T10:00:00", "status": "Finished", "rating": 2}"#,
    ]

    /// A new, empty archive of the engine.
    static func emptyArchive(_ engine: TestEngine, in directory: TemporaryDirectory) throws -> ArchiveLocation {
        let location = try ArchiveLocation(engine == .sqlite ? directory.file("empty.sqlite") : PostgresTestCluster.createDatabase())
        _ = try Archives.migrate(location, backup: false)
        try Archives.withDatabase(location, .write) { database in try database.inTransaction { _ = try StandardLists.insertMissing(database) } }
        return location
    }

    static func importLines(
        _ lines: [String], into location: ArchiveLocation, directory: TemporaryDirectory, recordsChanges: Bool = true, skipBad: Bool = false
    ) throws {
        let file = directory.file("lines-\(UUID().uuidString).ndjson")
        try lines.joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
        try Archives.withDatabase(location, .write) { database in
            let importer = try ArchiveImporter(
                database: database, catalog: ChatSessionCatalog.catalog, zone: TimeZone(identifier: "UTC")!, now: Self.now,
                recordsChanges: recordsChanges)
            _ = try importer.run(try ImportRecords(path: file, format: .ndjson), skipBad: skipBad)
        }
    }

    /// Each chat's last recorded field values, and the kinds recorded, by chat.
    static func feed(of location: ArchiveLocation) throws -> (values: [Int64: String], kinds: [Int64: [ChatChange.Kind]], count: Int64?) {
        try Archives.withDatabase(location, .read) { database in
            var values: [Int64: String] = [:], kinds: [Int64: [ChatChange.Kind]] = [:]
            for change in try ChangeFeed.changes(after: 0, limit: 1_000, in: database) {
                values[change.chatID] = change.fieldValues
                kinds[change.chatID, default: []].append(change.kind)
            }
            let count = try database.fetchValue("SELECT sum(n) FROM chat_count")?.integerValue
            return (values, kinds, count)
        }
    }

    @Test(arguments: TestEngine.available)
    func aBulkLoadRecordsWhatTheTriggersWouldRowByRow(engine: TestEngine) async throws {
        let directory = try TemporaryDirectory()
        // Bulk: into an empty archive. Row by row: into one that has a chat already.
        let bulk = try Self.emptyArchive(engine, in: directory)
        try Self.importLines(Self.lines, into: bulk, directory: directory)
        let otherDirectory = try TemporaryDirectory()
        let rowByRow = try Self.emptyArchive(engine, in: otherDirectory)
        try Self.importLines([Self.lines[0].replacingOccurrences(of: "5001", with: "4000")], into: rowByRow, directory: directory)
        try Self.importLines(Self.lines, into: rowByRow, directory: directory)

        let (bulkFeed, rowFeed) = (try Self.feed(of: bulk), try Self.feed(of: rowByRow))
        for chat: Int64 in [5001, 5002, 5003] {
            #expect(bulkFeed.values[chat] != nil && bulkFeed.values[chat] == rowFeed.values[chat], "chat \(chat)")
            #expect(bulkFeed.kinds[chat]?.first == .created)
        }
        #expect(rowFeed.kinds[5001] == [.created, .changed])
        if engine == .sqlite { #expect(bulkFeed.kinds[5001] == [.created]) }
        #expect(bulkFeed.count == 3 && rowFeed.count == 4)

        // The triggers are back: a chat imported after the load is counted and recorded.
        try Self.importLines([Self.lines[2].replacingOccurrences(of: "5003", with: "6000")], into: bulk, directory: directory)
        let after = try Self.feed(of: bulk)
        #expect(after.count == 4 && after.kinds[6000] == [.created])
        if engine == .sqlite {
            let triggers = try Archives.withDatabase(bulk, .read) { try $0.fetchValue("SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'chat_session'")?.integerValue }
            #expect(triggers == 6)
        }
    }

    @Test(arguments: TestEngine.available)
    func aBulkLoadWithoutEventsRecordsNoneAndAFailedOneLeavesTheTriggers(engine: TestEngine) async throws {
        let directory = try TemporaryDirectory()
        let archive = try Self.emptyArchive(engine, in: directory)
        try Self.importLines(Self.lines, into: archive, directory: directory, recordsChanges: false)
        var feed = try Self.feed(of: archive)
        #expect(feed.kinds.isEmpty && feed.count == 3)

        let otherDirectory = try TemporaryDirectory()
        let other = try Self.emptyArchive(engine, in: otherDirectory)
        #expect(throws: ArchiveImporter.ImportFailure.self) {
            try Self.importLines([Self.lines[0], #"{"chatSessionId": "not a number"}"#], into: other, directory: directory)
        }
        try Self.importLines([Self.lines[0]], into: other, directory: directory)
        feed = try Self.feed(of: other)
        #expect(feed.count == 1 && feed.kinds == [5001: [.created]])
    }

    /// A bad line left out of a bulk load (`skipBad`) takes only its own rows with it.
    @Test(arguments: TestEngine.available)
    func aBulkLoadThatSkipsABadLineRecordsTheOthers(engine: TestEngine) async throws {
        let directory = try TemporaryDirectory()
        let archive = try Self.emptyArchive(engine, in: directory)
        let bad = #"{"chatSessionId": 5009, "chatTopic/chatTopicId": 1, "whenRequested": "not a date", "status": "Finished"}"#
        try Self.importLines([Self.lines[0], bad, Self.lines[1]], into: archive, directory: directory, skipBad: true)
        let feed = try Self.feed(of: archive)
        #expect(feed.count == 2 && feed.kinds == [5001: [.created], 5002: [.created]])
        try Self.importLines([Self.lines[2]], into: archive, directory: directory)
        #expect(try Self.feed(of: archive).kinds[5003] == [.created])
    }

    /// PostgreSQL's TRUNCATE fires no DELETE trigger: V010's TRUNCATE trigger zeroes the count.
    @Test(.enabled(if: PostgresTestCluster.isAvailable))
    func truncatingTheChatsOnPostgreSQLZeroesTheCount() async throws {
        let directory = try TemporaryDirectory()
        let archive = try Self.emptyArchive(.postgresql, in: directory)
        try Self.importLines(Self.lines, into: archive, directory: directory)
        #expect(try Self.feed(of: archive).count == 3)
        try Archives.withDatabase(archive, .write) { _ = try $0.perform("TRUNCATE chat_session CASCADE") }
        #expect(try Self.feed(of: archive).count == 0)
        try Self.importLines([Self.lines[1]], into: archive, directory: directory)
        #expect(try Self.feed(of: archive).count == 1)
    }
}
