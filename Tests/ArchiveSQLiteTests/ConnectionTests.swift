import ArchiveCore
import ArchiveSQLite
import Foundation
import ArchiveTestSupport
import Testing

@Suite("Opening connections")
struct ConnectionTests {
    @Test func readWriteCreatesTheFileInWALModeWithForeignKeysOn() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("new.sqlite")
        let connection = try Connection(path: path)
        #expect(FileManager.default.fileExists(atPath: path))
        #expect(try connection.scalar("PRAGMA journal_mode") == .text("wal"))
        #expect(try connection.scalar("PRAGMA foreign_keys") == .integer(1))
    }

    @Test func theBusyTimeoutIsApplied() throws {
        var configuration = Connection.Configuration()
        configuration.busyTimeoutMilliseconds = 1234
        let connection = try Connection(path: ":memory:", configuration: configuration)
        #expect(try connection.scalar("PRAGMA busy_timeout") == .integer(1234))
    }

    @Test func theReadingConfigurationMapsTheFileAndEnlargesTheCache() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("map.sqlite")
        try Connection(path: path).execute("CREATE TABLE t(x)")
        let reader = try Connection(path: path, mode: .readOnly, configuration: .reading)
        #expect(try reader.scalar("PRAGMA mmap_size") == .integer(1 << 30))
        #expect(try reader.scalar("PRAGMA cache_size") == .integer(-65_536))
        // The default leaves SQLite's own settings.
        let plain = try Connection(path: path, mode: .readOnly)
        #expect(try plain.scalar("PRAGMA mmap_size") == .integer(0))
    }

    @Test func anIndexBuildLeavesTheConnectionsTemporaryFilesWhereTheyWere() throws {
        // A command's writer keeps temporary files in memory (statement journals); an index
        // build sorts on disk (which a test cannot see), then the connection's setting is back,
        // in the transaction too.
        let directory = try TemporaryDirectory()
        let writer = try Connection(path: directory.file("index.sqlite"), configuration: .bulkWriting)
        let memory: DatabaseValue = .integer(2)
        #expect(try writer.scalar("PRAGMA temp_store") == memory)
        try writer.execute("CREATE TABLE t(x)")
        try writer.execute("CREATE INDEX t_by_x ON t(x)")
        let index = try #require(try writer.secondaryIndexes().first)
        try writer.inTransaction {
            try writer.drop([index])
            try writer.execute("WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 1000) INSERT INTO t SELECT x FROM n")
            try writer.create(index)
            #expect(try writer.scalar("PRAGMA temp_store") == memory)
            try writer.create(index)  // there already: nothing to do
        }
        #expect(try writer.secondaryIndexes().map(\.name) == ["t_by_x"])
        #expect(try writer.scalar("PRAGMA temp_store") == memory)
        // A connection of the default configuration keeps SQLite's default.
        let plain = try Connection(path: directory.file("index.sqlite"))
        try plain.create(index)
        #expect(try plain.scalar("PRAGMA temp_store") == .integer(0))
    }

    @Test func aReadOnlyConnectionRefusesWrites() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("ro.sqlite")
        try Connection(path: path).execute("CREATE TABLE t(x)")
        let reader = try Connection(path: path, mode: .readOnly)
        let error = try #require(throws: SQLiteError.self) { try reader.execute("INSERT INTO t VALUES (1)") }
        #expect(error.code == .readOnly)
        #expect(error.failureKind == .readOnly)
        #expect(error.sql == "INSERT INTO t VALUES (1)")
        #expect(try reader.scalar("SELECT count(*) FROM t") == .integer(0))
    }

    /// Root ignores file permissions: there the test could only pass without checking anything.
    @Test(.enabled(if: getuid() != 0, "root ignores file permissions"))
    func aReadOnlyFileOnDiskRefusesWritesEvenReadWrite() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("locked.sqlite")
        var configuration = Connection.Configuration()
        configuration.useWAL = false
        try Connection(path: path, configuration: configuration).execute("CREATE TABLE t(x)")
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path) }
        let connection = try Connection(path: path, configuration: configuration)
        let error = try #require(throws: SQLiteError.self) { try connection.execute("INSERT INTO t VALUES (1)") }
        #expect(error.code == .readOnly)
    }

    @Test func aMissingDirectoryIsCantOpenAndSaysWhy() throws {
        let error = try #require(throws: SQLiteError.self) {
            try Connection(path: "/nonexistent-archive-dir/sub/db.sqlite")
        }
        #expect(error.code == .cantOpen)
        #expect(error.message.contains("/nonexistent-archive-dir/sub does not exist"))
    }

    @Test func aMissingFileOpenedReadOnlyIsCantOpen() throws {
        let directory = try TemporaryDirectory()
        let error = try #require(throws: SQLiteError.self) {
            try Connection(path: directory.file("absent.sqlite"), mode: .readOnly)
        }
        #expect(error.code == .cantOpen)
        #expect(error.message.contains("no such file"))
    }

    @Test func aFileThatIsNotADatabaseFailsAtOpen() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("notes.txt")
        try String(repeating: "This is not an SQLite database. ", count: 100).write(toFile: path, atomically: true, encoding: .utf8)
        let error = try #require(throws: SQLiteError.self) { try Connection(path: path) }
        #expect(error.code == .notADatabase)
        #expect(error.message.contains("notes.txt is not an SQLite database"))
    }

    @Test func badSQLReportsSQLitesMessageAndTheSQL() throws {
        let connection = try Connection(path: ":memory:")
        let error = try #require(throws: SQLiteError.self) { try connection.execute("SELEC 1") }
        #expect(error.code == .error)
        #expect(error.message.contains("syntax error"))
        #expect(error.sql == "SELEC 1")
        #expect(error.description.contains("SQLITE_ERROR"))
    }

    @Test func executeRunsScriptsAndNamesTheFailingStatement() throws {
        let connection = try Connection(path: ":memory:")
        try connection.execute("CREATE TABLE a(x); INSERT INTO a VALUES (1); INSERT INTO a VALUES (2);")
        #expect(try connection.scalar("SELECT sum(x) FROM a") == .integer(3))
        let error = try #require(throws: SQLiteError.self) {
            try connection.execute("INSERT INTO a VALUES (3); INSERT INTO missing VALUES (4); INSERT INTO a VALUES (5);")
        }
        #expect(error.message.contains("no such table: missing"))
        #expect(error.sql?.contains("INSERT INTO missing") == true)
        // The statement before the failure ran; the one after did not.
        #expect(try connection.scalar("SELECT sum(x) FROM a") == .integer(6))
    }

    @Test func lastInsertedRowIDAndChanges() throws {
        let connection = try Connection(path: ":memory:")
        try connection.execute("CREATE TABLE t(id INTEGER PRIMARY KEY, x)")
        try connection.run("INSERT INTO t(x) VALUES (?)", ["a"])
        try connection.run("INSERT INTO t(x) VALUES (?)", ["b"])
        #expect(connection.lastInsertedRowID == 2)
        try connection.run("UPDATE t SET x = 'c'")
        #expect(connection.changes == 2)
    }
}
