import Foundation

/// Runs an aggregate plan and emits its row stream, one page of it.
struct AggregateRunner {
    let catalog: ProviderCatalog
    /// Signs and checks the position cursors of aggregate pages.
    let signer: CursorSigner

    /// One page, its rows in memory.
    func page(_ query: ArchiveQuery, context: QueryContext, database: some ArchiveDatabase) throws -> ArchivePage {
        var rows: [ArchiveRow] = []
        var start: PageStart?
        let end = try stream(query, context: context, database: database, start: { start = $0 }, row: { rows.append($0) })
        return ArchivePage(columns: start?.columns ?? [], rows: rows, nextCursor: end.nextCursor, totalCount: start?.totalCount)
    }

    /// One page, each row handed to `body` as the stream makes it (detail rows as SQLite reads
    /// them, so a large page of detail rows runs in constant memory; the groups' final values
    /// are read first, since header rows need them).
    func stream(
        _ query: ArchiveQuery, context: QueryContext, database: some ArchiveDatabase,
        start: (PageStart) throws -> Void, row body: @escaping (ArchiveRow) throws -> Void
    ) throws -> PageEnd {
        let clock = ZonedClock(zone: context.timeZone)
        let plan = try planner(context: context, clock: clock, database: database).plan(query, signer: signer)
        let total = try plan.count.map { Int(try database.firstValue($0.sql, $0.values)?.integerValue ?? 0) }
        try start(PageStart(columns: plan.columns, totalCount: total))
        var emitter = Emitter(skip: plan.skip, top: plan.top, sink: body)
        try AggregateRowStream(plan: plan, catalog: catalog, context: context, clock: clock).run(on: database, into: &emitter)
        guard emitter.hasMore else { return PageEnd(nextCursor: nil) }
        let cursor = KeysetCursor(segment: -1, values: [.integer(Int64(plan.skip + emitter.delivered))])
        return PageEnd(nextCursor: cursor.encode(fingerprint: plan.fingerprint, signer: signer))
    }

    /// The statements a query runs (for `explain`).
    func statements(_ query: ArchiveQuery, context: QueryContext, database: some ArchiveDatabase) throws -> [RenderedStatement] {
        let clock = ZonedClock(zone: context.timeZone)
        let plan = try planner(context: context, clock: clock, database: database).plan(query, signer: signer)
        return plan.levels.compactMap { plan.groupStatements[$0] } + [plan.details, plan.grandTotal, plan.count].compactMap { $0 }
    }

    private func planner(context: QueryContext, clock: ZonedClock, database: some ArchiveDatabase) -> AggregatePlanner {
        let renderer = StatementRenderer(dialect: database.dialect)
        return AggregatePlanner(catalog: catalog, context: context, clock: clock, renderer: renderer) { stored in
            let span = renderer.render(SQLSelect(
                columns: [.function(.minimum, [stored]), .function(.maximum, [stored])],
                from: SQLFrom(SQLTableReference(catalog.rootTable, as: .relation(catalog.aliasName(of: ""))))))
            let rows = try database.allRows(span.sql, span.values)
            guard let minimum = rows.first?[0].textValue.flatMap({ StoredDateTime.parse($0) }),
                let maximum = rows.first?[1].textValue.flatMap({ StoredDateTime.parse($0) })
            else { return nil }
            return (minimum, maximum)
        }
    }
}

/// Passes one page of the row stream on: skips `skip` rows, hands on `top`, and notes whether
/// more follow (then the stream can stop).
struct Emitter {
    let skip: Int
    let top: Int?
    let sink: (ArchiveRow) throws -> Void
    /// The rows handed on.
    private(set) var delivered = 0
    private(set) var hasMore = false
    private var seen = 0

    init(skip: Int, top: Int?, sink: @escaping (ArchiveRow) throws -> Void) {
        self.skip = skip
        self.top = top
        self.sink = sink
    }

    /// Whether the page is complete and the stream can stop.
    var isFull: Bool { hasMore }

    mutating func emit(_ row: @autoclosure () -> ArchiveRow) throws {
        defer { seen += 1 }
        guard seen >= skip else { return }
        if let top, delivered >= top {
            hasMore = true
            return
        }
        try sink(row())
        delivered += 1
    }
}
