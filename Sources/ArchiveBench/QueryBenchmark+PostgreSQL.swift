import ArchiveCore
public import ArchivePostgres
import Foundation

/// The standard set on a PostgreSQL archive: through the engine on a session as the server's
/// readers have them (statements prepared), against the same SQL through PostgresNIO on that
/// session, and against the server's execution of the statement alone.
extension QueryBenchmark {
    /// ``run(postgres:progress:)`` on the archive a `postgres://` URL names.
    public func run(postgresURL: String, progress: (String) -> Void = { _ in }) throws -> [Result] {
        try run(postgres: try PostgresAddress(url: postgresURL), progress: progress)
    }

    /// Runs every query on a PostgreSQL archive (the same rows as the file, for figures to
    /// compare) and returns the figures; the floor is the same SQL through the same session,
    /// every cell of every row read once.
    public func run(postgres address: PostgresAddress, progress: (String) -> Void = { _ in }) throws -> [Result] {
        let session = try PostgresSession(
            address: address, applicationName: "archive bench", statementCacheCapacity: PostgresPool.defaultStatementCacheCapacity)
        defer { session.close() }
        try session.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
        // EXPLAIN ANALYZE on a session of the server's defaults, as `postgres-planning.sh` runs it.
        let explaining = try PostgresSession(address: address, applicationName: "archive bench (EXPLAIN)")
        defer { explaining.close() }
        return try run(
            on: session,
            floor: { sql, arguments in
                try session.forEachRow(sql, arguments) { row in
                    for index in 0..<row.count { _ = row.value(at: index) }
                }
            },
            execution: { statement in try Self.executionTime(of: statement, on: explaining) },
            progress: progress)
    }

    /// The "Execution Time" of one `EXPLAIN (ANALYZE, SUMMARY)` of the statement (planned for
    /// its values, as `Benchmarks/postgres-planning.sh` measures it), in milliseconds.
    static func executionTime(of statement: Explanation.Statement, on session: PostgresSession) throws -> Double {
        var time = Double.nan
        try session.forEachRow("EXPLAIN (ANALYZE, SUMMARY) " + statement.sql, statement.arguments) { row in
            guard let line = row.string(at: 0), line.hasPrefix("Execution Time: ") else { return }
            time = Double(line.dropFirst("Execution Time: ".count).prefix { $0 != " " }) ?? .nan
        }
        return time
    }

    /// Both engines' reports side by side, query by query (each ratio against its own floor;
    /// on PostgreSQL also the server's execution alone, and the engine against it).
    public static func table(sqlite: [Result], postgres: [Result]) -> String {
        let width = max(48, sqlite.map(\.name.count).max() ?? 0)
        func ms(_ value: Double?) -> String { value.map { String(format: "%9.3f", $0) } ?? "        –" }
        func ratio(_ value: Double?) -> String { value.map { String(format: "%6.2fx", $0) } ?? "      –" }
        var lines = [
            "".padding(toLength: width, withPad: " ", startingAt: 0)
                + "  ---------- SQLite -----------  ------------------ PostgreSQL ------------------",
            "query".padding(toLength: width, withPad: " ", startingAt: 0)
                + "  engine ms    bare ms   ratio  engine ms    bare ms   ratio    exec ms  /exec",
        ]
        for result in sqlite {
            let other = postgres.first { $0.name == result.name }
            var line = result.name.padding(toLength: width, withPad: " ", startingAt: 0)
            line += "  \(ms(result.engine))  \(ms(result.bare))  \(ratio(result.ratio))"
            line += "  \(ms(other?.engine))  \(ms(other?.bare))  \(ratio(other?.ratio))  \(ms(other?.execution))  \(ratio(other?.executionRatio))"
            if !result.note.isEmpty { line += "  (\(result.note))" }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}
