public import ArchiveSQLite
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
/// let page = try provider.page(query, context: RequestContext(), connection: connection)
/// // page.nextCursor continues after the last row: Page(top: 50, cursor: page.nextCursor)
/// ```
///
/// Every query becomes one SQL statement (plus a count when asked). The provider is `Sendable`
/// and keeps no state between queries; connections are the caller's.
public final class ArchiveProvider: Sendable {
    public let catalog: ProviderCatalog
    /// Signs keyset cursors with the provider's secret.
    let signer: CursorSigner
    /// Statistics per database file, with what `sqlite_stat1` held when they were read and when
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
    /// - Throws: ``ArchiveError`` for anything the query asks that the provider cannot do;
    ///   `SQLiteError` when the database fails (`isInterruption` when a deadline stopped it).
    public func page(_ query: ArchiveQuery, context: RequestContext, connection: Connection) throws -> ArchivePage {
        if query.select.contains(where: { if case .aggregate = $0 { true } else { false } }) {
            return try AggregateRunner(provider: self).page(query, context: context, connection: connection)
        }
        let clock = ZonedClock(zone: context.timeZone)
        let plan = try planner.assemble(prepared(query, context: context, clock: clock, connection: connection), page: query.page, signer: signer)
        let reader = RowReader(plan: plan, catalog: catalog, context: context, clock: clock)
        let statement = try connection.cachedStatement(plan.sql)
        try statement.bind(plan.arguments)
        // The page's cells go into one buffer; rows are windows on it.
        var cells: [ArchiveCell] = []
        var primaryKeys: [Int64] = []
        let expected = min(plan.top ?? 64, 1_024)
        cells.reserveCapacity(expected * plan.columns.count)
        primaryKeys.reserveCapacity(expected)
        var lastKeys: (segment: Int, values: [SQLiteValue])?
        var hasMore = false
        try statement.forEachRow { row in
            if let top = plan.top, primaryKeys.count == top {
                hasMore = true
                return
            }
            primaryKeys.append(reader.read(row, into: &cells))
            // Only the last row of a full page starts the next page.
            if primaryKeys.count == plan.top {
                lastKeys = (Int(row.int64(at: plan.segmentIndex)), plan.keyIndexes.map { row.value(at: $0) })
            }
        }
        let rows = reader.rows(primaryKeys: primaryKeys, cells: cells)
        var nextCursor: String?
        if hasMore, let lastKeys {
            nextCursor = KeysetCursor(segment: lastKeys.segment, values: lastKeys.values).encode(fingerprint: plan.fingerprint, signer: signer)
        }
        return ArchivePage(columns: plan.columns, rows: rows, nextCursor: nextCursor, totalCount: try count(plan.count, connection))
    }

    /// Runs a query and hands each row to `body` as it is read, in constant memory. `columns` is
    /// called first, once.
    public func stream(
        _ query: ArchiveQuery, context: RequestContext, connection: Connection,
        columns: ([ResultColumn]) throws -> Void, row body: (ArchiveRow) throws -> Void
    ) throws {
        _ = try streamPage(query, context: context, connection: connection, start: { try columns($0.columns) }, row: body)
    }

    /// Runs a query for one page, handing each row to `row` as it is read (in constant memory,
    /// however large the page), and returns what follows the page.
    ///
    /// `start` is called once before the first row, with the columns and (when the query asks
    /// for it) the count of all matching rows, so that a writer can put both first.
    public func streamPage(
        _ query: ArchiveQuery, context: RequestContext, connection: Connection,
        start: (PageStart) throws -> Void, row body: (ArchiveRow) throws -> Void
    ) throws -> PageEnd {
        if query.select.contains(where: { if case .aggregate = $0 { true } else { false } }) {
            return try withoutActuallyEscaping(body) { body in
                try AggregateRunner(provider: self).stream(query, context: context, connection: connection, start: start, row: body)
            }
        }
        let clock = ZonedClock(zone: context.timeZone)
        let plan = try planner.assemble(prepared(query, context: context, clock: clock, connection: connection), page: query.page, signer: signer)
        try start(PageStart(columns: plan.columns, totalCount: try count(plan.count, connection)))
        let reader = RowReader(plan: plan, catalog: catalog, context: context, clock: clock)
        // A separate statement: streaming must not disturb a cached one that a caller reuses.
        let statement = try connection.prepare(plan.sql)
        try statement.bind(plan.arguments)
        var delivered = 0
        var lastKeys: (segment: Int, values: [SQLiteValue])?
        var hasMore = false
        try statement.forEachRow { row in
            if let top = plan.top, delivered == top {
                hasMore = true
                return
            }
            try body(reader.read(row))
            delivered += 1
            if delivered == plan.top {
                lastKeys = (Int(row.int64(at: plan.segmentIndex)), plan.keyIndexes.map { row.value(at: $0) })
            }
        }
        guard hasMore, let lastKeys else { return PageEnd(nextCursor: nil) }
        return PageEnd(nextCursor: KeysetCursor(segment: lastKeys.segment, values: lastKeys.values).encode(fingerprint: plan.fingerprint, signer: signer))
    }

    /// The SQL a query becomes, its arguments, and SQLite's plan for it.
    public func explain(_ query: ArchiveQuery, context: RequestContext, connection: Connection) throws -> Explanation {
        let statements: [(sql: String, arguments: [SQLiteValue])]
        if query.select.contains(where: { if case .aggregate = $0 { true } else { false } }) {
            statements = try AggregateRunner(provider: self).statements(query, context: context, connection: connection).map { ($0.sql, $0.values) }
        } else {
            let plan = try planner.plan(
                query, context: context, clock: ZonedClock(zone: context.timeZone), signer: signer, statistics: statistics(connection))
            statements = [(plan.sql, plan.arguments)] + (plan.count.map { [($0.sql, $0.values)] } ?? [])
        }
        return Explanation(statements: try statements.map { text in
            let explain = try connection.prepare("EXPLAIN QUERY PLAN " + text.sql)
            try explain.bind(text.arguments)
            var steps: [(id: Int64, parent: Int64, detail: String)] = []
            try explain.forEachRow { steps.append(($0.int64(at: 0), $0.int64(at: 1), $0.string(at: 3) ?? "")) }
            return Explanation.Statement(sql: text.sql, arguments: text.arguments, plan: Explanation.tree(steps))
        })
    }

    // MARK: - Internals

    var planner: QueryPlanner { QueryPlanner(catalog: catalog) }

    /// The page-independent part of a query's plan, from the cache when the same query (in the
    /// same context, on the same file) was planned before.
    func prepared(_ query: ArchiveQuery, context: RequestContext, clock: ZonedClock, connection: Connection) throws -> PreparedQuery {
        let key = PlanCacheKey.make(query, context: context, clock: clock, path: connection.path)
        if let key, let cached = preparedCache.withLock({ $0[key] }) { return cached }
        let prepared = try planner.prepare(query, context: context, clock: clock, statistics: statistics(connection))
        if let key {
            preparedCache.withLock { cache in
                if cache.count >= Self.preparedCacheCapacity { cache.removeAll(keepingCapacity: true) }
                cache[key] = prepared
            }
        }
        return prepared
    }

    /// The statistics of the connection's database (cached per file, and read again when
    /// `sqlite_stat1` changed).
    func statistics(_ connection: Connection) throws -> DatabaseStatistics {
        let isFile = !connection.path.isEmpty && connection.path != ":memory:"
        guard isFile else { return try DatabaseStatistics(connection: connection) }
        let now = ContinuousClock.now
        if let cached = statisticsCache.withLock({ $0[connection.path] }) {
            if now - cached.checked < Self.statisticsCheckInterval { return cached.statistics }
            if try DatabaseStatistics.fingerprint(connection) == cached.fingerprint {
                statisticsCache.withLock { $0[connection.path]?.checked = now }
                return cached.statistics
            }
            // New statistics: the plans made with the old ones go too.
            preparedCache.withLock { $0.removeAll() }
        }
        let fingerprint = try DatabaseStatistics.fingerprint(connection)
        let loaded = try DatabaseStatistics(connection: connection)
        statisticsCache.withLock { $0[connection.path] = CachedStatistics(statistics: loaded, fingerprint: fingerprint, checked: now) }
        return loaded
    }

    /// Forgets the statistics and plans of every file, after writes that changed them
    /// (`ANALYZE`): the next query reads them again.
    public func forgetStatistics() {
        statisticsCache.withLock { $0.removeAll() }
        preparedCache.withLock { $0.removeAll() }
    }


    func count(_ statement: RenderedStatement?, _ connection: Connection) throws -> Int? {
        guard let statement else { return nil }
        return Int(try connection.scalar(statement.sql, statement.values)?.integerValue ?? 0)
    }
}

/// One page of a query's result.
public struct ArchivePage: Sendable {
    public let columns: [ResultColumn]
    public let rows: [ArchiveRow]
    /// The cursor that continues after the last row, or nil when this is the last page.
    public let nextCursor: String?
    /// Every matching row, before paging, when the query asked for it.
    public let totalCount: Int?
}

/// What a streamed page starts with.
public struct PageStart: Sendable {
    public let columns: [ResultColumn]
    /// All matching rows, before paging (only when the query's options ask for it).
    public let totalCount: Int?
}

/// What follows a streamed page.
public struct PageEnd: Sendable {
    /// The cursor of the next page; nil on the last page.
    public let nextCursor: String?
}

/// What a query becomes in SQL.
public struct Explanation: Sendable {
    public struct Statement: Sendable {
        public let sql: String
        public let arguments: [SQLiteValue]
        /// `EXPLAIN QUERY PLAN`, one line per step, indented as a tree.
        public let plan: [String]

        /// True when SQLite sorts rows itself rather than reading them in index order.
        public var usesTemporaryBTreeForOrdering: Bool {
            plan.contains { $0.contains("USE TEMP B-TREE FOR") && $0.contains("ORDER BY") }
        }
    }

    public let statements: [Statement]

    static func tree(_ steps: [(id: Int64, parent: Int64, detail: String)]) -> [String] {
        var depth: [Int64: Int] = [0: -1]
        return steps.map { step in
            let level = (depth[step.parent] ?? -1) + 1
            depth[step.id] = level
            return String(repeating: "  ", count: level) + step.detail
        }
    }
}
