import ArchiveCore
import ArchiveSchema
import ArchiveSQLite
import Foundation
import Testing

@Suite("Schema migrations")
struct MigratorTests {
    func schemaDump(_ connection: Connection) throws -> [[DatabaseValue]] {
        try connection.rows("SELECT type, name, sql FROM sqlite_schema ORDER BY name")
    }

    @Test func anEmptyDatabaseIsBroughtToTheCurrentVersion() throws {
        let connection = try Connection(path: ":memory:")
        let report = try Migrator.migrate(connection)
        #expect(report.fromVersion == 0)
        #expect(report.toVersion == ArchiveSchema.currentVersion)
        #expect(report.applied == ArchiveSchema.migrations.map(\.fileName))
        #expect(try Migrator.version(of: connection) == ArchiveSchema.currentVersion)
        #expect(try connection.scalar("PRAGMA application_id") == .integer(ArchiveSchema.applicationID))
        for table in ["chat_session", "chat_topic", "associate", "person", "contact", "chat_session_status", "country"] {
            #expect(try connection.scalar("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?", [table]) == .integer(1))
        }
    }

    @Test func migratingACurrentDatabaseChangesNothing() throws {
        let connection = try Connection(path: ":memory:")
        try Migrator.migrate(connection)
        let before = try schemaDump(connection)
        let report = try Migrator.migrate(connection)
        #expect(report.applied.isEmpty)
        #expect(report.fromVersion == report.toVersion)
        #expect(try schemaDump(connection) == before)
    }

    @Test func aVersionOneDatabaseIsUpgradedKeepingItsRows() throws {
        let connection = try Connection(path: ":memory:")
        try Migrator.migrate(connection, migrations: Array(ArchiveSchema.migrations.prefix(1)))
        try connection.execute("INSERT INTO chat_topic(id, name, registered) VALUES (1, 'Support', '2020-01-01 00:00:00')")
        let report = try Migrator.migrate(connection)
        #expect(report.fromVersion == 1)
        #expect(report.applied == ArchiveSchema.migrations.dropFirst().map(\.fileName))
        #expect(try connection.scalar("SELECT count(*) FROM api_token") == .integer(0))
        #expect(try connection.scalar("SELECT name FROM chat_topic WHERE id = 1") == .text("Support"))
    }

    @Test func aNewerDatabaseIsRefused() throws {
        let connection = try Connection(path: ":memory:")
        try Migrator.migrate(connection)
        try connection.execute("PRAGMA user_version = \(ArchiveSchema.currentVersion + 5)")
        let error = try #require(throws: SchemaError.self) { try Migrator.migrate(connection) }
        #expect(error == .databaseNewer(path: ":memory:", version: ArchiveSchema.currentVersion + 5, supported: ArchiveSchema.currentVersion))
        #expect(error.description.contains("use a newer engine"))
    }

    @Test func aDatabaseWithOtherTablesIsRefused() throws {
        let connection = try Connection(path: ":memory:")
        try connection.execute("CREATE TABLE invoices(id)")
        let error = try #require(throws: SchemaError.self) { try Migrator.migrate(connection) }
        guard case .notAnArchive = error else { Issue.record("expected notAnArchive, got \(error)"); return }
        #expect(try connection.scalar("SELECT count(*) FROM sqlite_schema") == .integer(1))
    }

    @Test func anotherApplicationsFileIsRefused() throws {
        let connection = try Connection(path: ":memory:")
        try connection.execute("PRAGMA application_id = 12345")
        #expect(throws: SchemaError.self) { try Migrator.migrate(connection) }
    }

    @Test func aFailingMigrationLeavesTheLastCompleteVersion() throws {
        let connection = try Connection(path: ":memory:")
        let broken = ArchiveSchema.migrations + [
            Migration(version: ArchiveSchema.currentVersion + 1, fileName: "V999__broken.sql",
                      sql: "CREATE TABLE half_done(x); INSERT INTO no_such_table VALUES (1);")
        ]
        #expect(throws: SQLiteError.self) { try Migrator.migrate(connection, migrations: broken) }
        #expect(try Migrator.version(of: connection) == ArchiveSchema.currentVersion)
        #expect(try connection.scalar("SELECT count(*) FROM sqlite_schema WHERE name = 'half_done'") == .integer(0))
    }

    @Test func requireCurrentRefusesAnOlderDatabase() throws {
        let connection = try Connection(path: ":memory:")
        #expect(throws: SchemaError.self) { try Migrator.requireCurrent(connection) }
        try Migrator.migrate(connection)
        try Migrator.requireCurrent(connection)
    }

    @Test func everySQLFileInSchemaIsAMigrationInOrder() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Schema").standardized
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".sql") }.sorted()
        #expect(files == ArchiveSchema.migrations.map(\.fileName))
        #expect(ArchiveSchema.migrations.map(\.version) == Array(1...ArchiveSchema.migrations.count))
        for migration in ArchiveSchema.migrations {
            let onDisk = try String(contentsOf: folder.appendingPathComponent(migration.fileName), encoding: .utf8)
            #expect(onDisk == migration.sql, "the embedded copy of \(migration.fileName) is stale")
        }
    }

    @Test func everyForeignKeyHasAnIndex() throws {
        let connection = try Connection(path: ":memory:")
        try Migrator.migrate(connection)
        let tables = try connection.rows("SELECT name FROM sqlite_schema WHERE type = 'table'").compactMap { $0[0].textValue }
        for table in tables {
            for foreignKey in try connection.rows("SELECT \"from\" FROM pragma_foreign_key_list(?)", [table]) {
                let column = try #require(foreignKey[0].textValue)
                // An index whose first column it is, or the rowid itself (`person_id INTEGER PRIMARY KEY`).
                let leading = try connection.rows("""
                    SELECT 1 FROM pragma_index_list(?) AS l, pragma_index_info(l.name) AS i
                    WHERE i.seqno = 0 AND i.name = ?
                    UNION ALL SELECT 1 FROM pragma_table_info(?) WHERE name = ? AND pk = 1 AND type = 'INTEGER'
                    """, [table, column, table, column])
                #expect(!leading.isEmpty, "\(table).\(column) is a foreign key without an index")
            }
        }
    }
}

@Suite("The storage format of datetimes")
struct StoredDateTimeTests {
    @Test func formatsAndParsesKnownMoments() {
        #expect(StoredDateTime.format(0) == "1970-01-01 00:00:00")
        #expect(StoredDateTime.format(951_782_400) == "2000-02-29 00:00:00")
        #expect(StoredDateTime.format(-1) == "1969-12-31 23:59:59")
        #expect(StoredDateTime.parse("2019-10-15 13:45:07") == 1_571_147_107)
        #expect(StoredDateTime.parse("2019-10-15T13:45:07") == 1_571_147_107)
        #expect(StoredDateTime.parse("2019-10-15") == 1_571_097_600)
        #expect(StoredDateTime.formatDate(1_571_147_107) == "2019-10-15")
    }

    @Test func roundTripsEveryDayOfFourCenturies() {
        var seconds: Int64 = StoredDateTime.days(year: 1900, month: 1, day: 1) * 86_400 + 3_723
        while seconds < StoredDateTime.days(year: 2300, month: 1, day: 1) * 86_400 {
            #expect(StoredDateTime.parse(StoredDateTime.format(seconds)) == seconds)
            seconds += 86_400
        }
    }

    @Test func refusesImpossibleOrMalformedText() {
        for text in ["2019-02-29", "2020-13-01", "2020-00-10", "2020-04-31", "2020-1-1", "2020-01-01 24:00:00", "yesterday", ""] {
            #expect(StoredDateTime.parse(text) == nil, "\(text)")
        }
        #expect(StoredDateTime.parse("2020-02-29") != nil)
    }

    @Test func weekdaysStartOnMonday() {
        #expect(StoredDateTime.weekdayFromMonday(days: StoredDateTime.days(year: 2019, month: 10, day: 14)) == 0)
        #expect(StoredDateTime.weekdayFromMonday(days: StoredDateTime.days(year: 2019, month: 10, day: 20)) == 6)
        #expect(StoredDateTime.weekdayFromMonday(days: StoredDateTime.days(year: 1969, month: 12, day: 29)) == 0)
    }
}
