import Crypto
import Foundation
import Synchronization

/// Answers archive queries for one provider on a database connection.
///
/// ```swift
/// let provider = ArchiveProvider(catalog: ChatSessionCatalog.catalog)
/// var query = ArchiveQuery(select: ["chatSessionId", "person/lastName", "chatTopic/name"])
/// query.orderBy = [OrderItem("person/lastName")]
/// query.page = Page(top: 50)
/// let page = try provider.page(query, context: QueryContext(), database: connection)
/// // page.nextCursor continues after the last row: Page(top: 50, cursor: page.nextCursor)
/// ```
///
/// Every query becomes one SQL statement (plus a count when asked). The provider is `Sendable`
/// and keeps no state between queries; connections are the caller's.
public final class ArchiveProvider: Sendable {
    /// The columns, entities and relations this provider can query.
    public let catalog: ProviderCatalog
    /// Signs keyset cursors with the provider's secret.
    let signer: CursorSigner
    /// Statistics per database (by its cache identity), with what its statistics held when they were read and when
    /// that was last checked: the archive is read far more than written, so they are checked again
    /// only once a minute (another process may have run `ANALYZE`).
    private let statisticsCache = Mutex<[String: CachedStatistics]>([:])
    private static let statisticsCheckInterval: Duration = .seconds(60)

    private struct CachedStatistics {
        let statistics: DatabaseStatistics
        let fingerprint: String
        var checked: ContinuousClock.Instant
    }
    /// Prepared queries, by everything their SQL and arguments depend on (``PlanCacheKey``).
    private let preparedCache = Mutex<[PlanCacheKey: PreparedQuery]>([:])
    private static let preparedCacheCapacity = 512

    /// - Parameters:
    ///   - catalog: The provider's catalog.
    ///   - cursorKey: The secret that signs keyset cursors. Cursors made with one key are refused
    ///     with another; nil makes a random key, valid for the life of this object.
    public init(catalog: ProviderCatalog = ChatSessionCatalog.catalog, cursorKey: [UInt8]? = nil) {
        self.catalog = catalog
        self.signer = CursorSigner(key: cursorKey ?? SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) })
    }

    /// Runs a query and returns one page of rows, with the cursor of the next page.
    ///
    /// - Throws: ``ArchiveError`` for anything the query asks that the provider cannot do; the
    ///   database's own errors when it fails (see ``DatabaseFailure``).
    public func page(_ query: ArchiveQuery, context: QueryContext, database: some ArchiveDatabase) throws -> ArchivePage {
        if query.select.contains(where: { if case .aggregate = $0 { true } else { false } }) {
            return try AggregateRunner(catalog: catalog, signer: signer).page(query, context: context, database: database)
        }
        if query.page.cursor.map(KeysetCursor.isBackward) == true {
            var rows: [ArchiveRow] = []
            var start: PageStart?
            let end = try streamPage(query, context: context, database: database, start: { start = $0 }, row: { rows.append($0) })
            return ArchivePage(columns: start!.columns, rows: rows, nextCursor: end.nextCursor, totalCount: start!.totalCount, previousCursor: end.previousCursor)
        }
        let clock = ZonedClock(zone: context.timeZone)
        let plan = try assemble(query, context: context, clock: clock, database: database)
        let reader = RowDecoder(plan: plan, catalog: catalog, context: context, clock: clock)
        // The page's cells go into one buffer; rows are windows on it.
        var cells: [ArchiveCell] = []
        var primaryKeys: [Int64] = []
        let expected = min(plan.top ?? 64, 1_024)
        cells.reserveCapacity(expected * plan.columns.count)
        primaryKeys.reserveCapacity(expected)
        var lastKeys: KeysetCursor?
        var firstKeys: KeysetCursor?
        var hasMore = false
        try database.forEachRow(plan.sql, plan.arguments) { row in
            if let top = plan.top, primaryKeys.count == top {
                hasMore = true
                return
            }
            primaryKeys.append(reader.read(row, into: &cells))
            // The first row of a page reached by a cursor ends the previous page; only the last
            // row of a full page starts the next page.
            if primaryKeys.count == 1, query.page.cursor != nil { firstKeys = plan.cursor(at: row, backward: true) }
            if primaryKeys.count == plan.top { lastKeys = plan.cursor(at: row, backward: false) }
        }
        let rows = reader.rows(primaryKeys: primaryKeys, cells: cells)
        return ArchivePage(
            columns: plan.columns, rows: rows, nextCursor: hasMore ? lastKeys.map(encode(plan)) : nil,
            totalCount: try count(plan.count, database), previousCursor: firstKeys.map(encode(plan)))
    }

    /// Encodes a cursor of a plan's query.
    private func encode(_ plan: PlannedQuery) -> (KeysetCursor) -> String {
        { [signer] cursor in cursor.encode(fingerprint: plan.fingerprint, signer: signer) }
    }

    /// Runs a query and hands each row to `body` as it is read, in constant memory. `columns` is
    /// called first, once.
    public func stream(
        _ query: ArchiveQuery, context: QueryContext, database: some ArchiveDatabase,
        columns: ([ResultColumn]) throws -> Void, row body: (ArchiveRow) throws -> Void
    ) throws {
        _ = try streamPage(query, context: context, database: database, start: { try columns($0.columns) }, row: body)
    }

    /// Runs a query for one page, handing each row to `row` as it is read (in constant memory,
    /// however large the page), and returns what follows the page.
    ///
    /// `start` is called once before the first row, with the columns and (when the query asks
    /// for it) the count of all matching rows, so that a writer can put both first.
    public func streamPage(
        _ query: ArchiveQuery, context: QueryContext, database: some ArchiveDatabase,
        start: (PageStart) throws -> Void, row body: (ArchiveRow) throws -> Void
    ) throws -> PageEnd {
        if query.select.contains(where: { if case .aggregate = $0 { true } else { false } }) {
            return try withoutActuallyEscaping(body) { body in
                try AggregateRunner(catalog: catalog, signer: signer).stream(query, context: context, database: database, start: start, row: body)
            }
        }
        let clock = ZonedClock(zone: context.timeZone)
        let plan = try assemble(query, context: context, clock: clock, database: database)
        try start(PageStart(columns: plan.columns, totalCount: try count(plan.count, database)))
        let reader = RowDecoder(plan: plan, catalog: catalog, context: context, clock: clock)
        guard plan.reversed else {
            return try streamForward(plan, reader: reader, fromCursor: query.page.cursor != nil, database: database, row: body)
        }
        if let end = try streamBackward(plan, reader: reader, database: database, row: body) { return end }
        // Fewer rows before the cursor than a page holds: the first page, whole.
        var first = query
        first.page = Page(top: query.page.top)
        let firstPlan = try assemble(first, context: context, clock: clock, database: database)
        return try streamForward(firstPlan, reader: reader, fromCursor: false, database: database, row: body)
    }

    /// Streams a page in the query's order; `fromCursor`: it continues from a cursor, so a
    /// previous page precedes it.
    private func streamForward(
        _ plan: PlannedQuery, reader: RowDecoder, fromCursor: Bool, database: some ArchiveDatabase, row body: (ArchiveRow) throws -> Void
    ) throws -> PageEnd {
        var delivered = 0
        var lastKeys: KeysetCursor?
        var firstKeys: KeysetCursor?
        var hasMore = false
        try database.forEachRow(plan.sql, plan.arguments) { row in
            if let top = plan.top, delivered == top {
                hasMore = true
                return
            }
            try body(reader.read(row))
            delivered += 1
            if delivered == 1, fromCursor { firstKeys = plan.cursor(at: row, backward: true) }
            if delivered == plan.top { lastKeys = plan.cursor(at: row, backward: false) }
        }
        return PageEnd(nextCursor: hasMore ? lastKeys.map(encode(plan)) : nil, previousCursor: firstKeys.map(encode(plan)))
    }

    /// Streams the page before a backward cursor: reads the rows before it in the reverse order
    /// (as cheap as a next page), and hands them on in the query's order. Nil when fewer rows
    /// than a page precede the cursor (then the first page is the previous page).
    private func streamBackward(
        _ plan: PlannedQuery, reader: RowDecoder, database: some ArchiveDatabase, row body: (ArchiveRow) throws -> Void
    ) throws -> PageEnd? {
        // At most a page and one row (the statement's limit), nearest the cursor first.
        var fetched: [(row: ArchiveRow, keys: KeysetCursor)] = []
        try database.forEachRow(plan.sql, plan.arguments) { row in
            fetched.append((reader.read(row), plan.cursor(at: row, backward: true)))
        }
        let size = plan.top ?? fetched.count
        guard fetched.count >= size, !fetched.isEmpty else { return nil }
        let page = fetched.prefix(size)
        for entry in page.reversed() { try body(entry.row) }
        let last = page.first!.keys
        return PageEnd(
            nextCursor: KeysetCursor(segment: last.segment, values: last.values).encode(fingerprint: plan.fingerprint, signer: signer),
            previousCursor: fetched.count > size ? page.last!.keys.encode(fingerprint: plan.fingerprint, signer: signer) : nil)
    }

    /// The SQL a query becomes on a database, its arguments, and the database's plan for it.
    ///
    /// - Parameter reading: how the page reads its order (the planner's choice, unless a
    ///   comparison asks for one way).
    public func explain(
        _ query: ArchiveQuery, context: QueryContext, database: some ArchiveDatabase, reading: OrderReading = .planned
    ) throws -> Explanation {
        let statements: [(sql: String, arguments: [DatabaseValue])]
        if query.select.contains(where: { if case .aggregate = $0 { true } else { false } }) {
            statements = try AggregateRunner(catalog: catalog, signer: signer).statements(query, context: context, database: database).map { ($0.sql, $0.values) }
        } else {
            let plan = try planner(for: database).plan(
                query, context: context, clock: ZonedClock(zone: context.timeZone), signer: signer, statistics: statistics(database), reading: reading)
            statements = [(plan.sql, plan.arguments)] + (plan.count.map { [($0.sql, $0.values)] } ?? [])
        }
        return Explanation(statements: try statements.map { text in
            Explanation.Statement(sql: text.sql, arguments: text.arguments, plan: try database.explainPlan(text.sql, text.arguments))
        })
    }

    // MARK: - Internals

    /// The planner that writes statements in `database`'s dialect.
    func planner(for database: some ArchiveDatabase) -> QueryPlanner {
        QueryPlanner(catalog: catalog, renderer: StatementRenderer(dialect: database.dialect))
    }

    /// A query's plan for its page.
    private func assemble(_ query: ArchiveQuery, context: QueryContext, clock: ZonedClock, database: some ArchiveDatabase) throws -> PlannedQuery {
        try planner(for: database).assemble(prepared(query, context: context, clock: clock, database: database), page: query.page, signer: signer)
    }

    /// The page-independent part of a query's plan, from the cache when the same query (in the
    /// same context, on the same database) was planned before.
    func prepared(_ query: ArchiveQuery, context: QueryContext, clock: ZonedClock, database: some ArchiveDatabase) throws -> PreparedQuery {
        let key = database.cacheIdentity.flatMap { PlanCacheKey.make(query, context: context, clock: clock, database: $0) }
        if let key, let cached = preparedCache.withLock({ $0[key] }) { return cached }
        let prepared = try planner(for: database).prepare(
            query, context: context, clock: clock, statistics: statistics(database), reversed: query.page.cursor.map(KeysetCursor.isBackward) ?? false)
        if let key {
            preparedCache.withLock { cache in
                if cache.count >= Self.preparedCacheCapacity { cache.removeAll(keepingCapacity: true) }
                cache[key] = prepared
            }
        }
        return prepared
    }

    /// The statistics of a database (cached per database, and read again when they changed).
    func statistics(_ database: some ArchiveDatabase) throws -> DatabaseStatistics {
        guard let identity = database.cacheIdentity else { return try database.archiveStatistics() }
        let now = ContinuousClock.now
        if let cached = statisticsCache.withLock({ $0[identity] }) {
            if now - cached.checked < Self.statisticsCheckInterval { return cached.statistics }
            if try database.statisticsFingerprint() == cached.fingerprint {
                statisticsCache.withLock { $0[identity]?.checked = now }
                return cached.statistics
            }
            // New statistics: the plans made with the old ones go too.
            preparedCache.withLock { $0.removeAll() }
        }
        let fingerprint = try database.statisticsFingerprint()
        let loaded = try database.archiveStatistics()
        statisticsCache.withLock { $0[identity] = CachedStatistics(statistics: loaded, fingerprint: fingerprint, checked: now) }
        return loaded
    }

    /// Forgets the statistics and plans of every database, after writes that changed them
    /// (`ANALYZE`): the next query reads them again.
    public func forgetStatistics() {
        statisticsCache.withLock { $0.removeAll() }
        preparedCache.withLock { $0.removeAll() }
    }

    func count(_ statement: RenderedStatement?, _ database: some ArchiveDatabase) throws -> Int? {
        guard let statement else { return nil }
        return Int(try database.firstValue(statement.sql, statement.values)?.integerValue ?? 0)
    }
}

/// One page of a query's result.
public struct ArchivePage: Sendable {
    /// The columns, in the order the query selected them (the default columns when it selected none).
    public let columns: [ResultColumn]
    /// The page's rows, in the query's order (with the aggregation's header and footer rows, if any).
    public let rows: [ArchiveRow]
    /// The cursor that continues after the last row, or nil when this is the last page.
    public let nextCursor: String?
    /// Every matching row, before paging, when the query asked for it.
    public let totalCount: Int?
    /// The cursor that reads the page before the first row, or nil on a page not reached
    /// through a cursor.
    public var previousCursor: String? = nil
}

/// What a streamed page starts with.
public struct PageStart: Sendable {
    /// The columns, in the order the query selected them (the default columns when it selected none).
    public let columns: [ResultColumn]
    /// All matching rows, before paging (only when the query's options ask for it).
    public let totalCount: Int?
}

/// What follows a streamed page.
public struct PageEnd: Sendable {
    /// The cursor of the next page; nil on the last page.
    public let nextCursor: String?
    /// The cursor of the previous page (rows before the first), on a page reached through a
    /// cursor; nil on the first page.
    public var previousCursor: String? = nil
}

/// What a query becomes in SQL.
public struct Explanation: Sendable {
    /// One statement the query runs, with the database's plan for it.
    public struct Statement: Sendable {
        /// The SQL text, in the database's dialect, with placeholders for the arguments.
        public let sql: String
        /// The values bound to the statement's placeholders, in order.
        public let arguments: [DatabaseValue]
        /// The engine's plan (SQLite's `EXPLAIN QUERY PLAN`, PostgreSQL's `EXPLAIN`), one line per step, indented as a tree.
        public let plan: [String]

        /// True when SQLite sorts rows itself rather than reading them in index order.
        public var usesTemporaryBTreeForOrdering: Bool {
            plan.contains { $0.contains("USE TEMP B-TREE FOR") && $0.contains("ORDER BY") }
        }
    }

    /// The statements the query runs, in order: the rows' statement and then the count (when asked for);
    /// for aggregates, the group statements, then the details and the grand total.
    public let statements: [Statement]
}
