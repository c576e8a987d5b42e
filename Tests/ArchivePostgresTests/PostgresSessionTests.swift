import ArchiveCore
import ArchivePostgres
import ArchiveSchema
import ArchiveSQLite
import ArchiveTestSupport
import Testing

/// A session on a real server: values in SQLite's storage classes, rows in batches, the time
/// limit, the schema and the loader.
@Suite("PostgreSQL sessions", .needsPostgreSQL)
struct PostgresSessionTests {
    /// A pool on a new, empty database of the cluster.
    static func emptyDatabase(statementTimeoutMilliseconds: Int = 0) throws -> PostgresPool {
        PostgresPool(
            address: try PostgresAddress(url: try PostgresTestCluster.createDatabase()), maximumCount: 1,
            statementTimeoutMilliseconds: statementTimeoutMilliseconds, readOnly: false)
    }

    @Test func valuesArriveInSQLiteStorageClasses() async throws {
        let pool = try Self.emptyDatabase()
        defer { pool.close() }
        let values = try await pool.withSession { session in
            var values: [DatabaseValue] = []
            try session.forEachRow("""
                SELECT 42::bigint, 7::integer, 3::smallint, true, false, 2.5::float8, 1.25::float4,
                       sum(x), avg(x), 12345678901234.5678::numeric, -0.0001::numeric, 0::numeric,
                       TIMESTAMP '2026-11-20 13:45:07', DATE '1999-12-31', TIMESTAMP '1969-07-20 20:17:40',
                       'tab\there'::text, NULL::text, $1::text, $2::bigint, $3::float8
                FROM (VALUES (1::bigint), (2::bigint)) AS t(x)
                """, [.text("Østby"), .integer(-9), .real(0.5)]) { row in values = (0..<row.count).map { row.value(at: $0) } }
            return values
        }
        #expect(values == [
            .integer(42), .integer(7), .integer(3), .integer(1), .integer(0), .real(2.5), .real(1.25),
            .integer(3), .real(1.5), .real(12345678901234.5678), .real(-0.0001), .integer(0),
            .text("2026-11-20 13:45:07"), .text("1999-12-31"), .text("1969-07-20 20:17:40"),
            .text("tab\there"), .null, .text("Østby"), .integer(-9), .real(0.5),
        ])
    }

    @Test func rowsComeInBatchesAndAnEarlyStopLeavesTheSessionUsable() async throws {
        let pool = try Self.emptyDatabase()
        defer { pool.close() }
        let (count, sum, afterStop) = try await pool.withSession { session in
            var count = 0
            var sum: Int64 = 0
            // Many batches: every row arrives once, in order.
            try session.forEachRow("SELECT g FROM generate_series(1, 10000) AS g ORDER BY g", []) { row in
                count += 1
                sum += row.int64(at: 0)
                #expect(row.int64(at: 0) == Int64(count))
            }
            struct Stop: Error {}
            // A reader that stops after a few rows, as a client that goes away.
            #expect(throws: Stop.self) {
                try session.forEachRow("SELECT g FROM generate_series(1, 100000) AS g", []) { row in if row.int64(at: 0) == 300 { throw Stop() } }
            }
            var afterStop: Int64 = 0
            try session.forEachRow("SELECT 5", []) { afterStop = $0.int64(at: 0) }
            return (count, sum, afterStop)
        }
        #expect(count == 10_000)
        #expect(sum == 50_005_000)
        #expect(afterStop == 5)
    }

    @Test func aStatementPastTheTimeLimitIsStoppedAsATimeout() async throws {
        let pool = try Self.emptyDatabase(statementTimeoutMilliseconds: 100)
        defer { pool.close() }
        let error = await #expect(throws: PostgresError.self) {
            try await pool.withSession { session in try session.execute("SELECT pg_sleep(5)") }
        }
        #expect(error?.isQueryTimeout == true, "\(String(describing: error))")
        // The same session answers the next statement.
        let next = try await pool.withSession { session in
            var value: Int64 = 0
            try session.forEachRow("SELECT 1", []) { value = $0.int64(at: 0) }
            return value
        }
        #expect(next == 1)
    }

    /// The server's refusals are classified as the core knows them: a write in a read-only
    /// session (as on a replica) is `readOnly`, a broken unique key a `constraint` on its column.
    @Test func failuresAreClassified() async throws {
        let pool = try Self.emptyDatabase()
        defer { pool.close() }
        try await pool.withSession { session in
            try session.execute("CREATE TABLE t (id bigint PRIMARY KEY, name text UNIQUE)")
            try session.execute("INSERT INTO t VALUES (1, 'a')")
            let duplicate = try #require(throws: PostgresError.self) { try session.execute("INSERT INTO t VALUES (2, 'a')") }
            #expect(duplicate.failureKind == .constraint && duplicate.constraintColumn == "t.name")
            try session.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
            let refused = try #require(throws: PostgresError.self) { try session.execute("INSERT INTO t VALUES (3, 'b')") }
            #expect(refused.failureKind == .readOnly)
        }
    }

    @Test func serverErrorsCarryTheirMessageAndState() async throws {
        let pool = try Self.emptyDatabase()
        defer { pool.close() }
        let error = await #expect(throws: PostgresError.self) {
            try await pool.withSession { session in try session.execute("SELECT * FROM no_such_table") }
        }
        #expect(error?.sqlState == "42P01")
        #expect(error?.message.contains("no_such_table") == true)
    }

    @Test func migrateCreatesTheSchemaOnceAndRefusesOtherDatabases() async throws {
        let pool = try Self.emptyDatabase()
        defer { pool.close() }
        try await pool.withSession { session in
            #expect(try PostgresMigrator.version(of: session) == 0)
            #expect(throws: SchemaError.self) { try PostgresMigrator.requireCurrent(session) }
            let created = try PostgresMigrator.migrate(session)
            #expect(created.applied == ["PostgreSQL/archive.sql"] + PostgreSQLSchema.migrations.map(\.fileName))
            #expect(created.toVersion == ArchiveSchema.currentVersion)
            #expect(try PostgresMigrator.migrate(session).applied.isEmpty)
            try PostgresMigrator.requireCurrent(session)
            var indexes: Int64 = 0
            try session.forEachRow("SELECT count(*) FROM pg_indexes WHERE tablename = 'chat_session'", []) { indexes = $0.int64(at: 0) }
            #expect(indexes > 10)
            // A newer archive is refused.
            try session.execute("UPDATE archive_schema_version SET version = 99")
            #expect(throws: SchemaError.databaseNewer(path: session.address.description, version: 99, supported: PostgreSQLSchema.version)) {
                try PostgresMigrator.migrate(session)
            }
        }
        let foreign = try Self.emptyDatabase()
        defer { foreign.close() }
        try await foreign.withSession { session in
            try session.execute("CREATE TABLE orders (id bigint)")
            let error = #expect(throws: SchemaError.self) { try PostgresMigrator.migrate(session) }
            #expect("\(error.map(String.init(describing:)) ?? "")".contains("1 table but no archive schema version"))
        }
    }

    /// An archive of the previous version (the baseline's) is upgraded in place by the numbered
    /// migrations it lacks, and its rows stay.
    @Test func anOlderArchiveIsUpgradedInPlace() async throws {
        let pool = try Self.emptyDatabase()
        defer { pool.close() }
        try await pool.withSession { session in
            try PostgresMigrator.migrate(session)
            try session.execute("INSERT INTO chat_topic (id, name, registered) VALUES (7, 'Kept', '2026-01-01')")
            // As the engine before V005 left it: without the change feed or V008's tables, at the baseline version.
            for statement in PostgreSQLSchema.migrationDrops { try session.execute(statement) }
            try session.execute("UPDATE archive_schema_version SET version = $1", [.integer(Int64(PostgreSQLSchema.baselineVersion))])
            #expect(throws: SchemaError.self) { try PostgresMigrator.requireCurrent(session) }
            let upgraded = try PostgresMigrator.migrate(session)
            #expect(upgraded.fromVersion == PostgreSQLSchema.baselineVersion)
            #expect(upgraded.applied == PostgreSQLSchema.migrations.map(\.fileName))
            try PostgresMigrator.requireCurrent(session)
            var name = ""
            try session.forEachRow("SELECT name FROM chat_topic WHERE id = 7", []) { name = $0.string(at: 0) ?? "" }
            #expect(name == "Kept")
            // The identity moved past the row written with its own id.
            var next: Int64 = 0
            try session.forEachRow("INSERT INTO chat_topic (name, registered) VALUES ('New', '2026-01-02') RETURNING id", []) { next = $0.int64(at: 0) }
            #expect(next > 7)
        }
    }

    @Test func thePostgreSQLSchemaMatchesTheSQLiteVersion() {
        #expect(PostgreSQLSchema.version == ArchiveSchema.currentVersion, "a SQLite migration needs its PostgreSQL counterpart in Schema/PostgreSQL/archive.sql")
        #expect(PostgreSQLSchema.tables.count > 15)
        #expect(PostgreSQLSchema.indexes.contains { $0.hasPrefix("CREATE INDEX") })
        #expect(!PostgreSQLSchema.tables.contains { $0.contains("CREATE INDEX") })
    }
}
