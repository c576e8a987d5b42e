import ArchiveCore
import ArchiveEngines
import ArchivePostgres
import ArchiveStore
import ArchiveTestSupport
import Foundation
import Testing

/// The change feed on each engine: every committed change of a chat's own fields, and nothing
/// else, in commit order, with who made it.
@Suite("The change feed")
struct ChangeFeedTests {
    static let now: Int64 = 1_763_632_800

    @Test(arguments: TestEngine.available)
    func writesAreRecordedWithTheirCallerAndRollbacksAreNot(engine: TestEngine) async throws {
        let (directory, path) = try SeededDatabase.copy(chats: 40, seed: 9)
        defer { withExtendedLifetime(directory) {} }
        let location = try await engine.archive(copying: path)
        try Archives.withDatabase(location, .write) { database in
            // A seeded (or loaded) archive starts with an empty feed.
            #expect(try ChangeFeed.lastPosition(in: database) == 0)
            let store = ChatSessionStore(database: database, writingFor: WriteContext(changedBy: 3))
            let created = try store.create(try store.defaultEntity(now: Self.now), now: Self.now)
            let id = created.chatSessionId
            _ = try store.modify(id, now: Self.now + 1) { var chat = $0; chat.rating = 4; chat.lastMessage = "Thanks"; return chat }
            // Only `updated` changes: no change of the chat's fields, nothing recorded.
            _ = try store.modify(id, now: Self.now + 2) { $0 }
            // A refused write records nothing.
            #expect(throws: EntityError.self) { _ = try store.modify(id, now: Self.now + 3) { var chat = $0; chat.rating = 9; return chat } }
            // A change of the person a chat names is not a change of the chat.
            _ = try database.perform("UPDATE person SET last_name = 'Renamed' WHERE id = (SELECT min(id) FROM person)")
            try store.delete(id)

            let changes = try ChangeFeed.changes(after: 0, limit: 100, in: database)
            #expect(changes.map(\.kind) == [.created, .changed, .deleted])
            #expect(changes.allSatisfy { $0.chatID == id && $0.changedBy == 3 })
            #expect(changes[1].changedColumns.sorted() == ["last_message", "rating"])
            #expect(changes.map(\.position) == changes.map(\.position).sorted() && Set(changes.map(\.position)).count == 3)
            #expect(try ChangeFeed.changes(after: changes[0].position, limit: 100, in: database).map(\.kind) == [.changed, .deleted])
            #expect(try ChangeFeed.lastPosition(in: database) == changes[2].position)

            // A write from outside the store (a shell) is recorded too, by nobody; the store's
            // caller is not left behind for it.
            _ = try database.perform("UPDATE chat_session SET rating = 1 WHERE id = 1")
            let outside = try #require(try ChangeFeed.changes(after: changes[2].position, limit: 10, in: database).first)
            #expect(outside.chatID == 1 && outside.kind == .changed && outside.changedBy == nil && outside.changedColumns == ["rating"])
        }
    }

    @Test(arguments: TestEngine.available)
    func anImportRaisesItsChangesUnlessToldNotTo(engine: TestEngine) async throws {
        let (directory, path) = try SeededDatabase.copy(chats: 30, seed: 2)
        defer { withExtendedLifetime(directory) {} }
        let location = try await engine.archive(copying: path)
        let lines = [
            #"{"chatSessionId": 5001, "chatTopic/chatTopicId": 1, "whenRequested": "2026-11-20T10:00:00", "status": "Finished"}"#,
            #"{"chatSessionId": 5002, "chatTopic/chatTopicId": 1, "whenRequested": "2026-11-20T11:00:00", "status": "Finished"}"#,
        ]
        func importLines(_ lines: [String], recordsChanges: Bool) throws {
            let file = directory.path + "/import-\(recordsChanges).ndjson"
            try lines.joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
            try Archives.withDatabase(location, .write) { database in
                let importer = try ArchiveImporter(
                    database: database, catalog: ChatSessionCatalog.catalog, zone: TimeZone(identifier: "UTC")!, now: Self.now,
                    recordsChanges: recordsChanges)
                let records = try ImportRecords(path: file, format: .ndjson)
                _ = try importer.run(records, skipBad: false)
            }
        }
        try importLines(lines, recordsChanges: true)
        try importLines([lines[0].replacingOccurrences(of: "Finished", with: "Closed")], recordsChanges: false)
        try Archives.withDatabase(location, .read) { database in
            let changes = try ChangeFeed.changes(after: 0, limit: 100, in: database)
            #expect(changes.map(\.chatID) == [5001, 5002] && changes.allSatisfy { $0.kind == .created })
            #expect(try database.fetchValue("SELECT status FROM chat_session WHERE id = 5001")?.integerValue == 9)
        }
    }
}
