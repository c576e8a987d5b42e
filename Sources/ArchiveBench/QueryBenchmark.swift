public import ArchiveCore
import ArchiveSQLite
import Foundation

/// The standard query set of `archive bench`: each query through the engine and, in the same
/// run, the same SQL through the bare C API (on PostgreSQL: through PostgresNIO, each cell read
/// once).
public struct QueryBenchmark {
    /// One figure of the report.
    public struct Result: Sendable {
        public let name: String
        /// Median milliseconds per run through the engine.
        public let engine: Double
        /// Median milliseconds per run of the same SQL through the bare C API (nil where the
        /// figure compares with something else, see `note`).
        public let bare: Double?
        public let note: String
        /// The statement the engine ran, with SQLite's plan for it.
        public let statement: Explanation.Statement?
        /// On PostgreSQL, the server's median execution time of the statement alone (`EXPLAIN
        /// (ANALYZE, SUMMARY)`'s "Execution Time", planned for its values): what the engine
        /// cannot save.
        public let execution: Double?
        public var ratio: Double? { bare.map { engine / $0 } }
        /// The engine's time against the server's execution alone.
        public var executionRatio: Double? { execution.map { engine / $0 } }

        init(name: String, engine: Double, bare: Double?, note: String, statement: Explanation.Statement?, execution: Double? = nil) {
            self.name = name
            self.engine = engine
            self.bare = bare
            self.note = note
            self.statement = statement
            self.execution = execution
        }
    }

    public let path: String
    public let iterations: Int
    /// Only the queries whose names contain this text (all when nil).
    public let only: String?

    public init(path: String, iterations: Int = 200, only: String? = nil) {
        self.path = path
        self.iterations = iterations
        self.only = only
    }

    static let fourPaths: [ColumnSpec] = ["chatSessionId", "whenRequested", "person/lastName", "associate/fullName", "chatTopic/name", "contact/name"]

    /// The queries: a 50-row page with four joined paths, by several indexed columns, with and
    /// without restrictions.
    static let pages: [(String, ArchiveQuery)] = {
        func page(_ order: OrderItem, _ restriction: Restriction? = nil) -> ArchiveQuery {
            ArchiveQuery(select: fourPaths, restriction: restriction, orderBy: [order], page: Page(top: 50))
        }
        let lastMonth = Restriction.condition(Condition("whenRequested", "lastMonth"))
        let finished = Restriction.condition(Condition("status", "oneOf", [.word("7"), .word("9")]))
        let surname = Restriction.condition(Condition("person/lastName", "begins", [.string("Ber")]))
        return [
            ("page by whenRequested desc", page(OrderItem("whenRequested", .descending))),
            ("page by whenRequested desc, status in (7,9)", page(OrderItem("whenRequested", .descending), finished)),
            ("page by whenRequested, lastMonth", page(OrderItem("whenRequested"), lastMonth)),
            ("page by person/lastName", page(OrderItem("person/lastName"))),
            ("page by person/lastName desc, status in (7,9)", page(OrderItem("person/lastName", .descending), finished)),
            ("page by associate/fullName", page(OrderItem("associate/fullName"))),
            ("page by chatTopic/name desc", page(OrderItem("chatTopic/name", .descending))),
            ("page by contact/name", page(OrderItem("contact/name"))),
            ("page by type (status name)", page(OrderItem("type"))),
            ("page by whenRequested desc, lastName begins Ber", page(OrderItem("whenRequested", .descending), surname)),
        ]
    }()

    /// Runs every query on the SQLite file and returns the figures.
    public func run(progress: (String) -> Void = { _ in }) throws -> [Result] {
        let connection = try Connection(path: path, mode: .readOnly, configuration: .reading)
        defer { connection.close() }
        let raw = try RawSQLite(path: path, configuration: .reading)
        return try run(on: connection, floor: { sql, arguments in _ = try raw.run(sql, arguments) }, progress: progress)
    }

    /// The server's time for one run of a statement alone, in milliseconds.
    typealias Execution = (Explanation.Statement) throws -> Double

    /// The standard set on one database; `floor` runs a statement bare, `execution` (when
    /// given) measures the server's execution of a statement alone.
    func run<Database: ArchiveDatabase>(
        on connection: Database, floor: (String, [DatabaseValue]) throws -> Void, execution: Execution? = nil,
        progress: (String) -> Void
    ) throws -> [Result] {
        let provider = ArchiveProvider()
        let context = QueryContext(language: .english)
        var results: [Result] = []

        /// The query through the engine against the same SQL run bare.
        func compare(_ name: String, _ query: ArchiveQuery, context: QueryContext = context) throws {
            guard wanted(name) else { return }
            progress(name)
            let statement = try provider.explain(query, context: context, database: connection).statements[0]
            let (engine, bare, executed) = try Self.measure(
                iterations, { _ = try provider.page(query, context: context, database: connection) },
                against: { try floor(statement.sql, statement.arguments) }, sampling: execution.map { execution in { try execution(statement) } })
            results.append(Result(name: name, engine: engine, bare: bare, note: "", statement: statement, execution: executed))
        }

        for (name, query) in Self.pages { try compare(name, query) }
        results += try bothReadings(of: Self.pages.last!, on: connection, provider: provider, context: context, floor: floor, progress: progress)
        // Datetimes shown in a zone with daylight saving time.
        try compare(
            "page by whenRequested desc, in Europe/Oslo", Self.pages[0].1,
            context: QueryContext(timeZone: TimeZone(identifier: "Europe/Oslo")!, language: .english))
        results += try deepPages(on: connection, provider: provider, context: context, execution: execution, progress: progress)
        if wanted("grand-total") {
            results.append(try grandTotal(
                on: connection, provider: provider, context: context, floor: floor, execution: execution, progress: progress))
        }
        return results
    }

    /// The surname page both ways, each statement run bare: walking the date index and testing
    /// each chat's person, against finding the matching persons first and sorting their chats.
    /// Which one the planner takes depends on the archive's size.
    private func bothReadings<Database: ArchiveDatabase>(
        of page: (name: String, query: ArchiveQuery), on connection: Database, provider: ArchiveProvider, context: QueryContext,
        floor: (String, [DatabaseValue]) throws -> Void, progress: (String) -> Void
    ) throws -> [Result] {
        let name = page.name + ": walking the order, matches first"
        guard wanted(name) else { return [] }
        progress(name)
        let planned = try provider.explain(page.query, context: context, database: connection).statements[0]
        let walking = try provider.explain(page.query, context: context, database: connection, reading: .walkingTheOrder).statements[0]
        let filtering = try provider.explain(page.query, context: context, database: connection, reading: .filteringFirst).statements[0]
        let (walkTime, filterTime, _) = try Self.measure(
            iterations, { try floor(walking.sql, walking.arguments) }, against: { try floor(filtering.sql, filtering.arguments) })
        let choice = planned.sql == walking.sql ? "the planner walks" : "the planner reads the matches first"
        return [Result(name: name, engine: walkTime, bare: filterTime, note: "both bare; \(choice)", statement: walking)]
    }

    /// Whether the query named `name` is among those to run (``only``).
    private func wanted(_ name: String) -> Bool { only.map { name.contains($0) } ?? true }

    /// Deep pages: the page after row 900,000 (or 90 % of a smaller archive), reached by
    /// cursor, against the first page.
    private func deepPages<Database: ArchiveDatabase>(
        on connection: Database, provider: ArchiveProvider, context: QueryContext, execution: Execution?, progress: (String) -> Void
    ) throws -> [Result] {
        var chats: Int64 = 0
        try connection.forEachRow("SELECT count(*) FROM chat_session", []) { chats = $0.int64(at: 0) }
        let depth = Int(min(900_000, chats * 9 / 10)) / 50 * 50
        var results: [Result] = []
        for order in [OrderItem("whenRequested", .descending), OrderItem("person/lastName")] where depth >= 50 {
            let name = "cursor page at row \(depth.formatted(.number.grouping(.automatic).locale(Locale(identifier: "en_US")))) by \(order.column) \(order.direction.rawValue)"
            // Asked by any part of its name, as the other queries are (not only "cursor page").
            guard wanted(name) else { continue }
            let first = ArchiveQuery(select: Self.fourPaths, orderBy: [order], page: Page(top: 50))
            progress(name)
            var setup = first
            setup.page = Page(top: 50, skip: depth - 50)
            guard let cursor = try provider.page(setup, context: context, database: connection).nextCursor else { continue }
            var deep = first
            deep.page = Page(top: 50, cursor: cursor)
            let statement = try provider.explain(deep, context: context, database: connection).statements[0]
            let (deepTime, firstTime, executed) = try Self.measure(
                iterations, { _ = try provider.page(deep, context: context, database: connection) },
                against: { _ = try provider.page(first, context: context, database: connection) },
                sampling: execution.map { execution in { try execution(statement) } })
            results.append(Result(
                name: name, engine: deepTime, bare: firstTime, note: "against the first page", statement: statement, execution: executed))
        }
        return results
    }

    /// The grand-total count against the bare count(*).
    private func grandTotal<Database: ArchiveDatabase>(
        on connection: Database, provider: ArchiveProvider, context: QueryContext, floor: (String, [DatabaseValue]) throws -> Void,
        execution: Execution?, progress: (String) -> Void
    ) throws -> Result {
        progress("grand-total count")
        let total = ArchiveQuery(select: ["Count(chatSessionId):HideDetail"], options: QueryOptions(grandTotal: true))
        let statement = try provider.explain(total, context: context, database: connection).statements.last
        let (countEngine, countBare, executed) = try Self.measure(
            iterations, { _ = try provider.page(total, context: context, database: connection) },
            against: { try floor("SELECT count(*) FROM chat_session", []) },
            sampling: statement.flatMap { statement in execution.map { execution in { try execution(statement) } } })
        return Result(
            name: "grand-total Count(chatSessionId)", engine: countEngine, bare: countBare, note: "against SELECT count(*)",
            statement: statement, execution: executed)
    }

    /// Median milliseconds of each body, run alternately so that both see the same caches,
    /// clock speed and neighbours; with `sample`, also the median of what it reports, asked
    /// every fourth run in the same alternation (on PostgreSQL, the server's time for the
    /// statement alone).
    private static func measure(
        _ iterations: Int, _ first: () throws -> Void, against second: () throws -> Void, sampling sample: (() throws -> Double)? = nil
    ) throws -> (Double, Double, Double?) {
        for _ in 0..<min(5, iterations) {  // warm the page cache and the statement caches
            try first()
            try second()
            _ = try sample?()
        }
        var samples: ([Double], [Double], [Double]) = ([], [], [])
        func time(_ body: () throws -> Void) throws -> Double {
            let start = ContinuousClock.now
            try body()
            let elapsed = ContinuousClock.now - start
            return Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1e3
        }
        for iteration in 0..<iterations {
            samples.0.append(try time(first))
            samples.1.append(try time(second))
            if let sample, iteration % 4 == 0 { samples.2.append(try sample()) }
        }
        func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
        return (median(samples.0), median(samples.1), samples.2.isEmpty ? nil : median(samples.2))
    }

    /// The report as an aligned table; with `statements`, each query's SQL and plan follow it.
    public static func table(_ results: [Result], statements: Bool = false) -> String {
        let width = max(48, results.map(\.name.count).max() ?? 0)
        func ms(_ value: Double?) -> String { value.map { String(format: "%9.3f", $0) } ?? "        –" }
        var lines = ["\("query".padding(toLength: width, withPad: " ", startingAt: 0))  engine ms    bare ms   ratio"]
        for result in results {
            let ratio = result.ratio.map { String(format: "%6.2fx", $0) } ?? "      –"
            lines.append("\(result.name.padding(toLength: width, withPad: " ", startingAt: 0))  \(ms(result.engine))  \(ms(result.bare))  \(ratio)\(result.note.isEmpty ? "" : "  (\(result.note))")")
            if statements, let statement = result.statement {
                lines.append("    " + statement.sql)
                if !statement.arguments.isEmpty { lines.append("    arguments: " + statement.arguments.map { "\($0)" }.joined(separator: ", ")) }
                lines += statement.plan.map { "      " + $0 }
            }
        }
        return lines.joined(separator: "\n")
    }
}
