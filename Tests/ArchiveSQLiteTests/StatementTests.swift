import ArchiveCore
import ArchiveSQLite
import Testing

@Suite("Statements: binding, stepping, reading")
struct StatementTests {
    let connection: Connection

    init() throws {
        connection = try Connection(path: ":memory:")
        try connection.execute("CREATE TABLE v(a, b, c, d, e)")
    }

    @Test func everyStorageClassRoundTripsByIndex() throws {
        let values: [DatabaseValue] = [.null, .integer(Int64.min), .real(-1.5e300), .text("Ørjan Østby 日本 \u{0}tail"), .blob([0, 1, 254, 255])]
        let insert = try connection.prepare("INSERT INTO v VALUES (?, ?, ?, ?, ?)")
        for (offset, value) in values.enumerated() { try insert.bind(value, at: offset + 1) }
        try insert.runToCompletion()
        let row = try #require(try connection.rows("SELECT a, b, c, d, e FROM v").first)
        #expect(row == values)
    }

    @Test func everyStorageClassRoundTripsByName() throws {
        let insert = try connection.prepare("INSERT INTO v VALUES (:a, @b, $c, :d, :e)")
        try insert.bind(DatabaseValue.null, named: ":a")
        try insert.bind(42, named: "@b")
        try insert.bind(0.25, named: "$c")
        try insert.bind("text", named: ":d")
        try insert.bind([UInt8]([9, 8]), named: ":e")
        try insert.runToCompletion()
        let select = try connection.prepare("SELECT a, b, c, d, e FROM v")
        var seen = 0
        try select.forEachRow { row in
            seen += 1
            #expect(row.isNull(at: 0))
            #expect(row.columnType(at: 1) == .integer && row.int64(at: 1) == 42)
            #expect(row.columnType(at: 2) == .real && row.double(at: 2) == 0.25)
            #expect(row.string(at: 3) == "text")
            #expect(row.blob(at: 4) == [9, 8])
        }
        #expect(seen == 1)
    }

    @Test func emptyTextAndEmptyBlobAreNotNull() throws {
        try connection.run("INSERT INTO v(a, b) VALUES (?, ?)", ["", [UInt8]()])
        let row = try #require(try connection.rows("SELECT a, typeof(a), b, typeof(b) FROM v").first)
        #expect(row == [.text(""), .text("text"), .blob([]), .text("blob")])
    }

    @Test func optionalNumbersTellNullFromZero() throws {
        try connection.execute("INSERT INTO v VALUES (NULL, 0, 7, 0.0, '0')")
        let select = try connection.prepare("SELECT a, b, c, d, e FROM v")
        var seen = 0
        try select.forEachRow { row in
            seen += 1
            #expect(row.optionalInt64(at: 0) == nil)
            #expect(row.optionalInt64(at: 1) == 0)
            #expect(row.optionalInt64(at: 2) == 7)
            #expect(row.optionalDouble(at: 0) == nil)
            #expect(row.optionalDouble(at: 3) == 0)
            // Text that reads as 0 is a value, not NULL.
            #expect(row.optionalInt64(at: 4) == 0)
            // Reading a number leaves the value as it was.
            #expect(row.columnType(at: 4) == .text && row.string(at: 4) == "0")
        }
        #expect(seen == 1)
    }

    @Test func textBytesAreLentWithoutACopy() throws {
        try connection.execute("INSERT INTO v VALUES ('Østby', '', NULL, 1, 2)")
        let select = try connection.prepare("SELECT a, b, c FROM v")
        try select.forEachRow { row in
            #expect(row.withUTF8(at: 0) { $0.map { Array($0) } } == Array("Østby".utf8))
            #expect(row.withUTF8(at: 1) { $0?.count } == 0)
            #expect(row.withUTF8(at: 2) { $0 == nil })
        }
    }

    @Test func optionalsBindAsNull() throws {
        let missing: String? = nil
        try connection.run("INSERT INTO v(a, b) VALUES (?, ?)", [missing, Optional("x")])
        #expect(try connection.rows("SELECT a, b FROM v") == [[.null, .text("x")]])
    }

    @Test func anOutOfRangeIndexIsARangeError() throws {
        let statement = try connection.prepare("SELECT ?")
        let error = try #require(throws: SQLiteError.self) { try statement.bind(.integer(1), at: 2) }
        #expect(error.code == .range)
    }

    @Test func anUnknownNameIsARangeError() throws {
        let statement = try connection.prepare("SELECT :known")
        let error = try #require(throws: SQLiteError.self) { try statement.bind(1, named: ":unknown") }
        #expect(error.code == .range)
        #expect(error.message.contains(":unknown"))
    }

    @Test func theWrongNumberOfValuesIsRefused() throws {
        let error = try #require(throws: SQLiteError.self) { try connection.run("SELECT ?, ?", [1]) }
        #expect(error.code == .range)
        #expect(error.message.contains("2 parameters but 1 values"))
    }

    @Test func twoStatementsInOnePrepareAreRefused() throws {
        let error = try #require(throws: SQLiteError.self) { try connection.prepare("SELECT 1; SELECT 2") }
        #expect(error.code == .misuse)
        // Trailing semicolons and comments are not a second statement.
        _ = try connection.prepare("SELECT 1; -- done\n /* really */ ;")
    }

    @Test func columnNamesAndCounts() throws {
        let statement = try connection.prepare("SELECT 1 AS one, 'x' AS two")
        #expect(statement.columnCount == 2)
        #expect(statement.columnName(at: 1) == "two")
        #expect(statement.isReadOnly)
    }

    @Test func aFailedStepCanBeRetried() throws {
        try connection.execute("CREATE TABLE u(x UNIQUE)")
        let insert = try connection.cachedStatement("INSERT INTO u VALUES (?)")
        try insert.bind([1])
        try insert.runToCompletion()
        #expect(throws: SQLiteError.self) { try insert.runToCompletion() }
        try insert.bind([2])
        try insert.runToCompletion()
        #expect(try connection.scalar("SELECT count(*) FROM u") == .integer(2))
    }
}

@Suite("The statement cache")
struct StatementCacheTests {
    @Test func theSameSQLReusesThePreparedStatement() throws {
        let connection = try Connection(path: ":memory:")
        let first = try connection.cachedStatement("SELECT ?")
        try first.bind([1])
        let second = try connection.cachedStatement("SELECT ?")
        #expect(first === second)
        // The statement comes back with its bindings cleared.
        #expect(try second.step() && second.isNull(at: 0))
    }

    @Test func aNestedUseOfABusyStatementGetsItsOwn() throws {
        let connection = try Connection(path: ":memory:")
        try connection.execute("CREATE TABLE t(x); INSERT INTO t VALUES (1), (2), (3);")
        let outer = try connection.cachedStatement("SELECT x FROM t ORDER BY x")
        var pairs: [(Int64, Int64)] = []
        try outer.forEachRow { row in
            let x = row.int64(at: 0)
            let inner = try connection.cachedStatement("SELECT x FROM t ORDER BY x")
            #expect(inner !== outer)
            try inner.forEachRow { pairs.append((x, $0.int64(at: 0))) }
        }
        #expect(pairs.count == 9)
    }

    @Test func theLeastRecentlyUsedStatementIsEvicted() throws {
        var configuration = Connection.Configuration()
        configuration.statementCacheCapacity = 2
        let connection = try Connection(path: ":memory:", configuration: configuration)
        let one = try connection.cachedStatement("SELECT 1")
        _ = try connection.cachedStatement("SELECT 2")
        _ = try connection.cachedStatement("SELECT 1")  // 1 is now more recent than 2
        _ = try connection.cachedStatement("SELECT 3")  // evicts 2
        #expect(connection.cachedStatementCount == 2)
        #expect(try connection.cachedStatement("SELECT 1") === one)
    }
}
