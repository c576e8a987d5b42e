import ArchiveSchema
import ArchiveSQLite
import Foundation

/// Runs an aggregate plan and emits its row stream, one page of it.
struct AggregateRunner {
    let provider: ArchiveProvider

    func page(_ query: ArchiveQuery, context: RequestContext, connection: Connection) throws -> ArchivePage {
        let clock = ZonedClock(zone: context.timeZone)
        let plan = try planner(context: context, clock: clock, connection: connection).plan(query, signer: provider.signer)
        var emitter = Emitter(skip: plan.skip, top: plan.top)
        try Stream(plan: plan, provider: provider, context: context, clock: clock, connection: connection).run(into: &emitter)
        var nextCursor: String?
        if emitter.hasMore {
            nextCursor = KeysetCursor(segment: -1, values: [.integer(Int64(plan.skip + emitter.rows.count))])
                .encode(fingerprint: plan.fingerprint, signer: provider.signer)
        }
        var total: Int?
        if query.options.inlineCount {
            // The count of matching entity rows, as for any query.
            var countQuery = query
            countQuery.select = []
            countQuery.page = Page(top: 0)
            total = try provider.page(countQuery, context: context, connection: connection).totalCount
        }
        return ArchivePage(columns: plan.columns, rows: emitter.rows, nextCursor: nextCursor, totalCount: total)
    }

    /// The statements a query runs (for `explain`).
    func statements(_ query: ArchiveQuery, context: RequestContext) throws -> [SQLText] {
        let clock = ZonedClock(zone: context.timeZone)
        let plan = try AggregatePlanner(catalog: provider.catalog, context: context, clock: clock, span: { _ in nil })
            .plan(query, signer: provider.signer)
        return plan.levels.compactMap { plan.groupStatements[$0] } + [plan.details, plan.grandTotal].compactMap { $0 }
    }

    private func planner(context: RequestContext, clock: ZonedClock, connection: Connection) -> AggregatePlanner {
        AggregatePlanner(catalog: provider.catalog, context: context, clock: clock) { stored in
            let rows = try connection.rows("SELECT min(\(stored)), max(\(stored)) FROM \(provider.catalog.rootTable) AS \(provider.catalog.alias(of: ""))")
            guard let minimum = rows.first?[0].textValue.flatMap({ StoredDateTime.parse($0) }),
                let maximum = rows.first?[1].textValue.flatMap({ StoredDateTime.parse($0) })
            else { return nil }
            return (minimum, maximum)
        }
    }
}

/// Collects one page of the row stream: skips `skip` rows, keeps `top`, and notes whether
/// more follow (then the stream can stop).
struct Emitter {
    let skip: Int
    let top: Int?
    private(set) var rows: [ArchiveRow] = []
    private(set) var hasMore = false
    private var seen = 0

    init(skip: Int, top: Int?) {
        self.skip = skip
        self.top = top
    }

    /// Whether the page is complete and the stream can stop.
    var isFull: Bool { hasMore }

    mutating func emit(_ row: @autoclosure () -> ArchiveRow) {
        defer { seen += 1 }
        guard seen >= skip else { return }
        if let top, rows.count >= top {
            hasMore = true
            return
        }
        rows.append(row())
    }
}
