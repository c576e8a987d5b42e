import ArchiveCore
import ArchiveEngines
import ArchiveStore
import ArchiveTestSupport
import Foundation
import Testing

/// The chat store on each engine, without HTTP: what it writes reads back the same, a bad entity
/// is refused naming its field with nothing written, and ids are never given twice.
@Suite("The chat store")
struct ChatSessionStoreTests {
    /// 2026-11-20 10:00:00 UTC.
    static let now: Int64 = 1_763_632_800

    static func archive(_ engine: TestEngine) async throws -> (TemporaryDirectory, ArchiveLocation) {
        let (directory, path) = try SeededDatabase.copy(chats: 60, seed: 5)
        return (directory, try await engine.archive(copying: path))
    }

    @Test(arguments: TestEngine.available)
    func whatIsWrittenReadsBackTheSame(engine: TestEngine) async throws {
        let (directory, location) = try await Self.archive(engine)
        defer { withExtendedLifetime(directory) {} }
        try Archives.withDatabase(location, .write) { database in
            let store = ChatSessionStore(database: database)
            var chat = try store.defaultEntity(now: Self.now)
            chat.firstMessage = "Is the shop open on Sunday?"
            chat.customerEmail = "kari@example.com"
            chat.whenStarted = Self.now + 90
            chat.rating = 4
            let saved = try store.create(chat, now: Self.now)
            #expect(saved.chatSessionId > 60)
            #expect(saved.firstMessage == chat.firstMessage && saved.whenStarted == chat.whenStarted && saved.rating == 4)
            #expect(try store.load(saved.chatSessionId) == saved)

            let changed = try store.modify(saved.chatSessionId, now: Self.now + 60) { stored in
                var entity = stored
                entity.rating = 5
                return entity
            }
            #expect(changed.rating == 5 && changed.updated == Self.now + 60)
            #expect(throws: EntityError.modifiedSince(Self.now + 60)) {
                try store.delete(saved.chatSessionId, unmodifiedSince: Self.now)
            }
            try store.delete(saved.chatSessionId)
            #expect(throws: EntityError.notFound(saved.chatSessionId)) { try store.load(saved.chatSessionId) }
            // The deleted chat's id is not given again.
            #expect(try store.create(chat, now: Self.now).chatSessionId > saved.chatSessionId)
        }
    }

    @Test(arguments: TestEngine.available)
    func aBadEntityIsRefusedNamingItsFieldAndWritesNothing(engine: TestEngine) async throws {
        let (directory, location) = try await Self.archive(engine)
        defer { withExtendedLifetime(directory) {} }
        try Archives.withDatabase(location, .write) { database in
            let store = ChatSessionStore(database: database)
            func count() throws -> Int64? { try database.fetchValue("SELECT count(*) FROM chat_session")?.integerValue }
            let before = try count()
            var fields: [String] = []
            for change in Self.badChanges {
                var chat = try store.defaultEntity(now: Self.now)
                change(&chat)
                do {
                    _ = try store.create(chat, now: Self.now)
                    Issue.record("a bad entity was created")
                } catch EntityError.invalid(let field, _) {
                    fields.append(field)
                }
            }
            #expect(fields == ["Rating", "TopicId", "Person", "WhenStarted", "InitialQueuePos"])
            #expect(try count() == before)
        }
    }

    static let badChanges: [@Sendable (inout ChatSessionEntity) -> Void] = [
        { $0.rating = 7 },
        { $0.topicId = 9_999 },
        { $0.personId = 999_999 },
        { $0.whenStarted = ($0.whenRequested ?? 0) - 60 },
        { $0.initialQueuePos = -1 },
    ]
}
