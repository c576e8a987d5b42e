import ArchiveCore
@testable import ArchivePostgres
import ArchiveTestSupport
import Testing

/// Statements prepared once per session: the same answers as statements planned anew, for
/// every standard query and its cursor page; a statement prepared again when it is gone or its
/// table changed; failures that leave the session and its statements usable; the cap per
/// session; the plan each statement keeps; sessions side by side.
@Suite("PostgreSQL prepared statements", .needsPostgreSQL)
struct PreparedStatementTests {
    /// A session that prepares its statements, on a new database of the cluster.
    static func session(capacity: Int = 64, statementTimeoutMilliseconds: Int = 0) throws -> PostgresSession {
        try PostgresSession(
            address: try PostgresAddress(url: try PostgresTestCluster.createDatabase()),
            statementTimeoutMilliseconds: statementTimeoutMilliseconds, statementCacheCapacity: capacity)
    }

    static func rows(_ session: PostgresSession, _ sql: String, _ arguments: [DatabaseValue] = []) throws -> [[DatabaseValue]] {
        var rows: [[DatabaseValue]] = []
        try session.forEachRow(sql, arguments) { row in rows.append((0..<row.count).map { row.value(at: $0) }) }
        return rows
    }

    /// The statements the server holds prepared for the session (asked unprepared: the command
    /// tag counts the rows).
    static func serverStatements(_ session: PostgresSession) throws -> Int {
        try session.execute("SELECT name FROM pg_prepared_statements", arguments: [])
    }

    @Test func valuesAreBoundAsAnUnpreparedStatementBindsThem() throws {
        let url = try PostgresTestCluster.createDatabase()
        let prepared = try PostgresSession(address: try PostgresAddress(url: url), statementCacheCapacity: 8)
        let plain = try PostgresSession(address: try PostgresAddress(url: url))
        defer {
            prepared.close()
            plain.close()
        }
        // A text cast to a timestamp (not a timestamp parameter), a value used twice, a bigint
        // past 32 bits, placeholders in quotes, a NULL whose type the server infers.
        let sql = """
            SELECT $1::timestamp + interval '1 day', $1, $2 + 1, $2 / 2, $3 * 2, length($4), $4 || '$1', $5::date, $6,
                   '$2' AS quoted, coalesce($7, 'none') -- $1
            """
        let arguments: [DatabaseValue] = [
            .text("2026-11-20 13:45:07"), .integer(9_000_000_000), .real(0.25), .text("Østby"), .text("1999-12-31"), .blob([0, 1, 255]), .null,
        ]
        let expected = try Self.rows(plain, sql, arguments)
        #expect(expected.first?.first == .text("2026-11-21 13:45:07"))
        for _ in 0..<3 {  // the first run prepares the statement, the others reuse it
            #expect(try Self.rows(prepared, sql, arguments) == expected)
        }
        #expect(prepared.preparedStatementCount == 1)
        // The same text with values of other types is another statement.
        #expect(try Self.rows(prepared, "SELECT $1", [.integer(7)]) == [[.integer(7)]])
        #expect(try Self.rows(prepared, "SELECT $1", [.text("seven")]) == [[.text("seven")]])
        #expect(prepared.preparedStatementCount == 3)
        #expect(try Self.serverStatements(prepared) == 3)
    }

    /// Every standard query, first page and cursor page, run enough times on one session that
    /// its statements go through each phase of the plan choice (generic, then custom, then the
    /// one kept), answers as the same statements planned anew.
    @Test(arguments: StandardQuery.all)
    func standardQueriesAnswerAsUnpreparedStatements(_ standard: StandardQuery) async throws {
        let archive = try await LoadedArchive.shared()
        let (firstQuery, context) = try LoadedArchive.request(standard)
        let provider = LoadedArchive.provider
        let plain = try PostgresSession(address: archive.pool.address)
        let prepared = try PostgresSession(address: archive.pool.address, statementCacheCapacity: 8)
        defer {
            plain.close()
            prepared.close()
        }
        var queries = [firstQuery]
        if standard.nextPage, let cursor = try provider.page(firstQuery, context: context, database: plain).nextCursor {
            var next = firstQuery
            next.page.cursor = cursor
            queries.append(next)
        }
        for query in queries {
            let expected = try provider.page(query, context: context, database: plain)
            for run in 0..<(2 + 2 * PlanChoice.samples) {
                let found = try provider.page(query, context: context, database: prepared)
                #expect(SameAnswersTests.lines(found) == SameAnswersTests.lines(expected), "\(standard.name), run \(run)")
                #expect(found.nextCursor == expected.nextCursor && found.totalCount == expected.totalCount, "\(standard.name), run \(run)")
            }
        }
        #expect(prepared.preparedStatementCount > 0)
    }

    @Test func aStatementDeallocatedBehindTheSessionsBackIsPreparedAgain() throws {
        let session = try Self.session()
        defer { session.close() }
        #expect(try Self.rows(session, "SELECT $1::bigint + 1", [.integer(1)]) == [[.integer(2)]])
        try session.execute("DEALLOCATE ALL")
        #expect(try Self.serverStatements(session) == 0)
        #expect(try Self.rows(session, "SELECT $1::bigint + 1", [.integer(41)]) == [[.integer(42)]])
        #expect(try Self.serverStatements(session) == 1)
    }

    /// A migration that changes a table's columns changes what `SELECT *` returns: the server
    /// refuses the old statement ("cached plan must not change result type"), and the session
    /// prepares it again.
    @Test func aStatementWhoseTableChangedIsPreparedAgain() throws {
        let session = try Self.session()
        defer { session.close() }
        let sql = "SELECT * FROM t WHERE a >= $1 ORDER BY a"
        try session.execute("CREATE TABLE t (a bigint, b text)")
        try session.execute("INSERT INTO t VALUES (1, 'one'), (2, 'two')")
        #expect(try Self.rows(session, sql, [.integer(1)]) == [[.integer(1), .text("one")], [.integer(2), .text("two")]])
        try session.execute("ALTER TABLE t ADD COLUMN c bigint DEFAULT 7")
        #expect(try Self.rows(session, sql, [.integer(2)]) == [[.integer(2), .text("two"), .integer(7)]])
        try session.execute("DROP TABLE t")
        try session.execute("CREATE TABLE t (a bigint)")
        try session.execute("INSERT INTO t VALUES (5)")
        #expect(try Self.rows(session, sql, [.integer(1)]) == [[.integer(5)]])
        // In a transaction, which the refusal aborts, the caller sees it; the next run prepares
        // the statement again.
        try session.execute("ALTER TABLE t ADD COLUMN d text")
        let refused = #expect(throws: PostgresError.self) { try session.transaction { try Self.rows(session, sql, [.integer(1)]) } }
        #expect(refused?.isStalePreparedStatement == true)
        #expect(try Self.rows(session, sql, [.integer(1)]) == [[.integer(5), .null]])
        #expect(try Self.serverStatements(session) == 1)
    }

    @Test func aFailedRunLeavesTheStatementAndTheSessionUsable() throws {
        let session = try Self.session(statementTimeoutMilliseconds: 200)
        defer { session.close() }
        let division = "SELECT 10 / $1::bigint"
        #expect(try Self.rows(session, division, [.integer(2)]) == [[.integer(5)]])
        let byZero = #expect(throws: PostgresError.self) { try Self.rows(session, division, [.integer(0)]) }
        #expect(byZero?.sqlState == "22012")
        #expect(try Self.rows(session, division, [.integer(5)]) == [[.integer(2)]])
        // A statement the server cannot parse is not kept.
        let syntax = #expect(throws: PostgresError.self) { try Self.rows(session, "SELEC $1", [.integer(1)]) }
        #expect(syntax?.sqlState == "42601")
        // One stopped by the time limit stays prepared.
        let timeout = #expect(throws: PostgresError.self) { try Self.rows(session, "SELECT pg_sleep($1)", [.real(5)]) }
        #expect(timeout?.isQueryTimeout == true)
        #expect(try Self.rows(session, "SELECT pg_sleep($1)", [.real(0)]).count == 1)
        #expect(try Self.rows(session, division, [.integer(10)]) == [[.integer(1)]])
        #expect(session.preparedStatementCount == 2)
        #expect(try Self.serverStatements(session) == 2)
    }

    @Test func aSessionKeepsAtMostItsCapacityTheMostRecentlyUsed() throws {
        let session = try Self.session(capacity: 3)
        defer { session.close() }
        for number in 1...10 {
            #expect(try Self.rows(session, "SELECT $1::bigint + \(number)", [.integer(1)]) == [[.integer(Int64(1 + number))]])
        }
        #expect(session.preparedStatementCount == 3)
        #expect(try Self.serverStatements(session) == 3)
        // The three most recent are the ones kept; the first, run again, is prepared again in
        // place of the least recently used.
        let shape = { (number: Int) in StatementShape(sql: "SELECT $1::bigint + \(number)", types: [.bigint]) }
        #expect((1...10).filter { session.statements.statement(for: shape($0)) != nil } == [8, 9, 10])
        #expect(try Self.rows(session, "SELECT $1::bigint + 1", [.integer(1)]) == [[.integer(2)]])
        #expect((1...10).filter { session.statements.statement(for: shape($0)) != nil } == [1, 9, 10])
        #expect(try Self.serverStatements(session) == 3)
    }

    /// Where the values decide the plan (a range that 19 rows of 300,000 fall in, where the
    /// generic plan guesses a third), the generic plan reads the whole table and the custom plans
    /// the index: the statement keeps custom plans once both are timed.
    @Test func aStatementWhoseGenericPlanIsSlowKeepsCustomPlans() throws {
        let session = try Self.session()
        defer { session.close() }
        try session.execute("""
            CREATE TABLE scattered AS
            SELECT g AS id, (g::bigint * 7919) % 300007 AS r, repeat('x', 200) AS pad FROM generate_series(1, 300000) AS g
            """)
        try session.execute("CREATE INDEX ON scattered (r)")
        try session.execute("ANALYZE scattered")
        let sql = "SELECT count(*), sum(length(pad)) FROM scattered WHERE r < $1"
        for _ in 0..<10 { #expect(try Self.rows(session, sql, [.integer(20)]) == [[.integer(19), .integer(19 * 200)]]) }
        #expect(session.statements.decidedMode(StatementShape(sql: sql, types: [.bigint])) == .custom)
        // The server counts the plans: one generic to build, three timed, then custom ones.
        let plans = try Self.rows(
            session, "SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE strpos(statement, $1) > 0", [.text("FROM scattered")])
        #expect(plans == [[.integer(4), .integer(6)]])
    }

    /// Pooled sessions each prepare their own statements, and answer side by side as one
    /// session planning anew does.
    @Test func pooledSessionsAnswerSideBySide() async throws {
        let archive = try await LoadedArchive.shared()
        let provider = LoadedArchive.provider
        let pool = PostgresPool(address: archive.pool.address, maximumCount: 3, statementCacheCapacity: 4)
        defer { pool.close() }
        let plain = try PostgresSession(address: archive.pool.address)
        defer { plain.close() }
        let requests = try StandardQuery.all.prefix(8).map { try LoadedArchive.request($0) }
        let expected = try requests.map { query, context in SameAnswersTests.lines(try provider.page(query, context: context, database: plain)) }
        try await withThrowingTaskGroup(of: (Int, [String]).self) { group in
            for task in 0..<48 {
                let index = task % requests.count
                let (query, context) = requests[index]
                group.addTask {
                    let page = try await pool.withSession { session in try provider.page(query, context: context, database: session) }
                    return (index, SameAnswersTests.lines(page))
                }
            }
            for try await (index, lines) in group { #expect(lines == expected[index], "\(StandardQuery.all[index].name)") }
        }
        // Eight queries through sessions that keep four statements each: the cap holds.
        let held = try await pool.withSession { session in (session.preparedStatementCount, try Self.serverStatements(session)) }
        #expect(held.0 > 0 && held.0 <= 4 && held.1 == held.0)
    }
}
