import ArchiveCore
import ArchiveSQLite
import ArchiveTestSupport
import Testing

@Suite("Transactions, savepoints and constraint errors")
struct TransactionTests {
    struct Failure: Error {}

    let connection: Connection

    init() throws {
        connection = try Connection(path: ":memory:")
        try connection.execute("""
            CREATE TABLE parent(id INTEGER PRIMARY KEY);
            CREATE TABLE child(
                id INTEGER PRIMARY KEY,
                parent_id INTEGER REFERENCES parent(id),
                name TEXT NOT NULL UNIQUE,
                score INTEGER CHECK (score >= 0)
            );
            INSERT INTO parent VALUES (1);
            """)
    }

    func childCount() throws -> DatabaseValue? { try connection.scalar("SELECT count(*) FROM child") }

    @Test func aTransactionCommitsWhenTheBodyReturns() throws {
        let result = try connection.transaction(.immediate) {
            try connection.run("INSERT INTO child(parent_id, name) VALUES (1, 'a')")
            return 7
        }
        #expect(result == 7)
        #expect(try childCount() == .integer(1))
        #expect(connection.isAutocommit)
    }

    @Test func aTransactionRollsBackWhenTheBodyThrows() throws {
        #expect(throws: Failure.self) {
            try connection.transaction {
                try connection.run("INSERT INTO child(parent_id, name) VALUES (1, 'a')")
                throw Failure()
            }
        }
        #expect(try childCount() == .integer(0))
        #expect(connection.isAutocommit)
    }

    @Test func aSavepointRollsBackOnlyItsOwnWork() throws {
        try connection.transaction {
            try connection.run("INSERT INTO child(parent_id, name) VALUES (1, 'kept')")
            #expect(throws: Failure.self) {
                try connection.savepoint {
                    try connection.run("INSERT INTO child(parent_id, name) VALUES (1, 'undone')")
                    throw Failure()
                }
            }
            try connection.savepoint {
                try connection.run("INSERT INTO child(parent_id, name) VALUES (1, 'nested')")
            }
        }
        #expect(try connection.rows("SELECT name FROM child ORDER BY name") == [[.text("kept")], [.text("nested")]])
    }

    @Test func constraintViolationsCarryTheirExtendedCodes() throws {
        try connection.run("INSERT INTO child(parent_id, name) VALUES (1, 'a')")
        let unique = try #require(throws: SQLiteError.self) { try connection.run("INSERT INTO child(parent_id, name) VALUES (1, 'a')") }
        #expect(unique.extendedCode == .constraintUnique)
        #expect(unique.code == .constraint)
        #expect(ResultCode.constraint ~= unique.extendedCode)
        #expect(unique.message.contains("UNIQUE constraint failed: child.name"))

        let foreignKey = try #require(throws: SQLiteError.self) { try connection.run("INSERT INTO child(parent_id, name) VALUES (99, 'b')") }
        #expect(foreignKey.extendedCode == .constraintForeignKey)

        let notNull = try #require(throws: SQLiteError.self) { try connection.run("INSERT INTO child(parent_id, name) VALUES (1, NULL)") }
        #expect(notNull.extendedCode == .constraintNotNull)

        let check = try #require(throws: SQLiteError.self) { try connection.run("INSERT INTO child(name, score) VALUES ('c', -1)") }
        #expect(check.extendedCode == .constraintCheck)
        #expect(check.extendedCode.name == "SQLITE_CONSTRAINT_CHECK")
    }

    @Test func aConstraintErrorInsideATransactionRollsItAllBack() throws {
        #expect(throws: SQLiteError.self) {
            try connection.transaction {
                try connection.run("INSERT INTO child(parent_id, name) VALUES (1, 'x')")
                try connection.run("INSERT INTO child(parent_id, name) VALUES (1, 'x')")
            }
        }
        #expect(try childCount() == .integer(0))
    }
}

@Suite("Locks and deadlines")
struct ConcurrencyErrorTests {
    @Test func aWriterBlockedByAnotherIsBusy() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("busy.sqlite")
        var configuration = Connection.Configuration()
        configuration.busyTimeoutMilliseconds = 0
        let first = try Connection(path: path, configuration: configuration)
        try first.execute("CREATE TABLE t(x)")
        let second = try Connection(path: path, configuration: configuration)
        try first.execute("BEGIN IMMEDIATE")
        let error = try #require(throws: SQLiteError.self) { try second.execute("INSERT INTO t VALUES (1)") }
        #expect(error.code == .busy)
        try first.execute("COMMIT")
        try second.execute("INSERT INTO t VALUES (1)")
    }

    @Test func aQueryPastItsDeadlineIsInterrupted() throws {
        let connection = try Connection(path: ":memory:")
        let endless = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n"
        let error = try #require(throws: SQLiteError.self) {
            try connection.withDeadline(.now + .milliseconds(50)) { _ = try connection.scalar(endless) }
        }
        #expect(error.isInterruption)
        // The deadline is gone afterwards: a normal query runs.
        #expect(try connection.scalar("SELECT 1") == .integer(1))
    }

    @Test func deadlinesNestAndTheEarliestApplies() throws {
        let connection = try Connection(path: ":memory:")
        let endless = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n"
        let start = ContinuousClock.now
        let error = try #require(throws: SQLiteError.self) {
            try connection.withDeadline(.now + .milliseconds(100)) {
                // The inner deadline is later; leaving it must not drop the outer one.
                try connection.withDeadline(.now + .seconds(60)) { _ = try connection.scalar("SELECT 1") }
                _ = try connection.scalar(endless)
            }
        }
        #expect(error.isInterruption)
        #expect(ContinuousClock.now - start < .seconds(30))
    }

    @Test func aClosedConnectionRefusesWork() throws {
        let connection = try Connection(path: ":memory:")
        connection.close()
        let error = try #require(throws: SQLiteError.self) { try connection.scalar("SELECT 1") }
        #expect(error.code == .misuse)
        #expect(connection.isClosed)
    }

    @Test func aQueryWithinItsDeadlineRuns() throws {
        let connection = try Connection(path: ":memory:")
        let value = try connection.withDeadline(.now + .seconds(30)) {
            try connection.scalar("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000) SELECT sum(i) FROM n")
        }
        #expect(value == .integer(500_500))
    }
}
