import ArchiveCore
import ArchiveAuth
import ArchiveSchema
import ArchiveSeeds
import ArchiveSQLite
import Foundation
import ArchiveTestSupport
import Testing

@Suite("Seeded databases")
struct SeederTests {
    /// A fixed end day, so that the tests do not depend on today's date.
    static let endDay = StoredDateTime.days(year: 2026, month: 11, day: 20)

    static func options(chats: Int = 3_000, seed: UInt64 = 42, force: Bool = false) -> SeedOptions {
        SeedOptions(chats: chats, seed: seed, endDay: endDay, force: force, passwordIterations: 1_000)
    }

    /// Every row of every table, in a stable order.
    static func contents(of path: String) throws -> [String: [[DatabaseValue]]] {
        let connection = try Connection(path: path, mode: .readOnly)
        var result: [String: [[DatabaseValue]]] = [:]
        for table in try connection.rows("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").compactMap({ $0[0].textValue }) {
            let columns = try connection.scalar("SELECT count(*) FROM pragma_table_info(?)", [DatabaseValue.text(table)])?.integerValue ?? 1
            result[table] = try connection.rows("SELECT * FROM \"\(table)\" ORDER BY 1\(columns > 1 ? ", 2" : "")")
        }
        return result
    }

    @Test func theSameSeedGivesTheSameRows() throws {
        let directory = try TemporaryDirectory()
        try Seeder.seed(at: directory.file("a.sqlite"), options: Self.options())
        try Seeder.seed(at: directory.file("b.sqlite"), options: Self.options())
        try Seeder.seed(at: directory.file("c.sqlite"), options: Self.options(seed: 43))
        let a = try Self.contents(of: directory.file("a.sqlite"))
        #expect(a == (try Self.contents(of: directory.file("b.sqlite"))))
        #expect(a["chat_session"] != (try Self.contents(of: directory.file("c.sqlite")))["chat_session"])
    }

    /// A digest of every row of a small database, computed once and written here: if it changes,
    /// the generator no longer makes the same rows from the same seed (on this or any machine).
    @Test func theRowsMatchTheRecordedDigest() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("digest.sqlite")
        try Seeder.seed(at: path, options: SeedOptions(chats: 500, seed: 9, endDay: Self.endDay, passwordIterations: 1_000))
        let contents = try Self.contents(of: path)
        #expect(Self.digest(contents) == Self.recordedDigest)
        // The tables before V008 hold the rows they held: the new ones come from streams of their own.
        #expect(Self.digest(contents.filter { !Self.addedByV008.contains($0.key) && $0.key != "chat_count" }) == Self.digestBeforeV008)
    }

    static func digest(_ contents: [String: [[DatabaseValue]]]) -> String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325  // FNV-1a, 64 bit
        for (table, rows) in contents.sorted(by: { $0.key < $1.key }) {
            for byte in "\(table):\(rows)".utf8 {
                hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3
            }
        }
        return String(hash, radix: 16)
    }

    // Last changed by V009 (chat_count's row), V008 before it (every column of the reference's
    // current page: the details, lists and extra tables it adds). Before it, V007's (the empty webhook table, chat_change_pruned's row),
    // which the tables before V008 still give; V006 before it (the change feed's tables: empty,
    // and archive_write_context's one row): without them the digest is V005's, 5db9b7986718b882.
    static let recordedDigest = "4167aa48ed8004eb"
    static let digestBeforeV008 = "2dfe8e893e1e2390"

    static let addedByV008: Set<String> = [
        "list_item", "interest", "person_interest", "contact_interest", "address", "person_detail", "contact_detail", "associate_detail",
        "person_email", "contact_email", "person_phone", "contact_phone", "person_url", "contact_url", "udef_field", "person_udef",
        "contact_udef", "request", "appointment", "y_equipment", "y_rental", "y_car", "y_organization", "person_extra", "contact_extra",
    ]

    @Test func smallDatabasesStillHaveEveryStatus() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("tiny.sqlite")
        try Seeder.seed(at: path, options: Self.options(chats: 12))
        let connection = try Connection(path: path, mode: .readOnly)
        #expect(try connection.scalar("SELECT count(DISTINCT status) FROM chat_session") == .integer(12))
        #expect(try connection.scalar("SELECT count(DISTINCT associate_type_id) FROM associate") == .integer(4))
    }

    @Test func anEndDayOutOfRangeIsRefused() {
        #expect(throws: SeedError.self) {
            try Seeder.seed(at: "/tmp/never.sqlite", options: SeedOptions(chats: 10, endDay: StoredDateTime.days(year: 9999, month: 1, day: 1)))
        }
    }

    @Test func theRowCountsFollowThePlan() throws {
        let directory = try TemporaryDirectory()
        let report = try Seeder.seed(at: directory.file("plan.sqlite"), options: Self.options(chats: 5_000))
        let plan = SeedPlan(chats: 5_000)
        #expect(report.rowCounts["chat_session"] == 5_000)
        #expect(report.rowCounts["associate"] == plan.associates)
        #expect(report.rowCounts["contact"] == plan.companies + 1)
        #expect(report.rowCounts["person"] == plan.customers + plan.associates)
        #expect(report.rowCounts["chat_topic"] == plan.topics)
        #expect(report.rowCounts["chat_session_status"] == 12)
    }

    @Test func theFileIsConsistentAndCompleteWithEveryIndex() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("check.sqlite")
        try Seeder.seed(at: path, options: Self.options())
        let connection = try Connection(path: path)
        #expect(try connection.rows("PRAGMA integrity_check") == [[.text("ok")]])
        #expect(try connection.rows("PRAGMA foreign_key_check").isEmpty)
        #expect(try connection.scalar("PRAGMA journal_mode") == .text("wal"))
        #expect(try Migrator.version(of: connection) == ArchiveSchema.currentVersion)
        let fresh = try Connection(path: ":memory:")
        try Migrator.migrate(fresh)
        let expected = try fresh.rows("SELECT name, sql FROM sqlite_schema WHERE type = 'index' ORDER BY name")
        #expect(try connection.rows("SELECT name, sql FROM sqlite_schema WHERE type = 'index' ORDER BY name") == expected)
        #expect(try connection.scalar("SELECT count(*) FROM sqlite_stat1") != .integer(0))
        // Nothing is left beside the file.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.contains("seeding") }
        #expect(leftovers.isEmpty)
    }

    @Test func everyStateAColumnCanShowIsPresent() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("states.sqlite")
        try Seeder.seed(at: path, options: Self.options(chats: 4_000))
        let connection = try Connection(path: path, mode: .readOnly)
        func count(_ condition: String) throws -> Int64 {
            try connection.scalar("SELECT count(*) FROM \(condition)")?.integerValue ?? 0
        }
        #expect(try count("chat_session WHERE when_started IS NULL") > 0)
        #expect(try count("chat_session WHERE when_started IS NOT NULL AND when_ended IS NULL") > 0)
        #expect(try count("chat_session WHERE when_started IS NULL AND when_ended IS NOT NULL") > 0)
        #expect(try count("chat_session WHERE person_id IS NULL AND contact_id IS NULL") > 0)
        #expect(try count("chat_session WHERE person_id IS NULL AND contact_id IS NOT NULL") > 0)
        #expect(try count("chat_session WHERE person_id IS NOT NULL AND contact_id IS NULL") > 0)
        #expect(try count("chat_session WHERE associate_id IS NULL") > 0)
        #expect(try count("chat_session WHERE rating IS NULL") > 0 && (try count("chat_session WHERE rating = 5")) > 0)
        #expect(try count("chat_session WHERE first_message IS NULL") > 0)
        #expect(try count("chat_session WHERE first_message LIKE '%\\%%' ESCAPE '\\'") > 0, "a message with a literal %")
        #expect(try count("chat_session WHERE first_message LIKE '%\\_%' ESCAPE '\\'") > 0, "a message with a literal _")
        #expect(try connection.scalar("SELECT count(DISTINCT status) FROM chat_session") == .integer(12))
        #expect(try count("chat_session WHERE when_started < when_requested OR when_ended < coalesce(when_started, when_requested)") == 0)
        #expect(try count("person WHERE contact_id IS NULL") > 0)
        #expect(try count("person WHERE retired = 1") > 0)
        #expect(try count("person WHERE kana_last_name IS NOT NULL") > 0)
        #expect(try count("person WHERE birth_date IS NULL") > 0 && (try count("person WHERE birth_year IS NOT NULL")) > 0)
        #expect(try count("contact WHERE is_deleted = 1 AND deleted_date IS NOT NULL") > 0)
        #expect(try count("contact WHERE department IS NULL") > 0 && (try count("contact WHERE name_department LIKE '% - %'")) > 0)
        #expect(try count("associate WHERE is_active = 0") > 0)
        #expect(try connection.scalar("SELECT count(DISTINCT associate_type_id) FROM associate") == .integer(4))
        #expect(try count("chat_topic WHERE description IS NULL") > 0 || SeedPlan(chats: 4_000).topics < 7)
        // Chats span five years up to the end day, in id order.
        let range = try connection.rows("SELECT min(when_requested), max(when_requested) FROM chat_session")[0]
        #expect(range[0].textValue?.hasPrefix("2021-") == true)
        #expect(range[1].textValue?.hasPrefix("2026-11-") == true)
        #expect(try count("chat_session a JOIN chat_session b ON b.id = a.id + 1 WHERE b.when_requested < a.when_requested") == 0)
    }

    @Test func theDemoUserCanLogIn() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("demo.sqlite")
        try Seeder.seed(at: path, options: Self.options(chats: 100))
        let connection = try Connection(path: path, mode: .readOnly)
        let row = try connection.rows("SELECT id, password_hash, is_active FROM associate WHERE user_name = 'tje0'")
        #expect(row.count == 1)
        #expect(row[0][0] == .integer(1))
        #expect(row[0][2] == .integer(1))
        #expect(PasswordHasher.verify("Tje0", against: row[0][1].textValue ?? ""))
        #expect(!PasswordHasher.verify("tje0", against: row[0][1].textValue ?? ""))
    }

    @Test func anExistingFileIsKeptWithoutForce() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("keep.sqlite")
        try "precious".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: SeedError.fileExists(path: path)) { try Seeder.seed(at: path, options: Self.options(chats: 50)) }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "precious")
        try Seeder.seed(at: path, options: Self.options(chats: 50, force: true))
        #expect(try Self.contents(of: path)["chat_session"]?.count == 50)
    }

    @Test func aCancelledRunLeavesNothingBehind() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("cancelled.sqlite")
        var phases: [SeedProgress.Phase] = []
        #expect(throws: SeedError.cancelled) {
            try Seeder.seed(
                at: path, options: Self.options(chats: 30_000),
                progress: { phases.append($0.phase) },
                isCancelled: { phases.contains(.chats) }
            )
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }

    @Test func aCancelledRunKeepsTheOldFile() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("old.sqlite")
        try Seeder.seed(at: path, options: Self.options(chats: 20))
        var sawChats = false
        #expect(throws: SeedError.cancelled) {
            try Seeder.seed(at: path, options: Self.options(chats: 30_000, force: true),
                            progress: { if $0.phase == .chats { sawChats = true } }, isCancelled: { sawChats })
        }
        #expect(try Self.contents(of: path)["chat_session"]?.count == 20)
    }

    @Test func aBadChatCountIsRefused() {
        #expect(throws: SeedError.invalidChatCount(0)) { try Seeder.seed(at: "/tmp/never.sqlite", options: Self.options(chats: 0)) }
    }

    @Test func aMissingDirectoryIsAClearError() throws {
        let error = try #require(throws: SQLiteError.self) {
            try Seeder.seed(at: "/nonexistent-archive-dir/x.sqlite", options: Self.options(chats: 10))
        }
        #expect(error.message.contains("does not exist"))
    }
}
