import Crypto
import Foundation

/// Plans queries whose columns include aggregates (`Count(chatSessionId):Footer`,
/// `GroupBy(type):Header,Footer`, `DatePart(whenRequested):YearMonth`).
struct AggregatePlanner {
    let catalog: ProviderCatalog
    let context: QueryContext
    let clock: ZonedClock
    /// Writes the statements in the database's dialect.
    var renderer = StatementRenderer(dialect: .sqlite)
    /// Reads the span of a datetime column, for the time-zone conversion of date parts.
    let span: (SQLExpression) throws -> (Int64, Int64)?

    private func expression(_ fragment: SQLFragment) -> SQLExpression { fragment.expression(in: catalog, language: context.language) }

    func plan(_ query: ArchiveQuery, signer: CursorSigner) throws -> AggregatePlan {
        let planner = QueryPlanner(catalog: catalog)
        try planner.checkEntities(query.entities)
        try planner.checkPaging(query.page)
        let fingerprint = QueryPlanner.fingerprint(query, provider: catalog.name, language: context.language)
        var skip = query.page.skip
        if let token = query.page.cursor { skip += try rowsRead(token, fingerprint: fingerprint, signer: signer) }

        var compiler = RestrictionCompiler(catalog: catalog, context: context, requestClock: clock)
        let filter = try attributing(to: "$filter") { try query.restriction.map { try compiler.compile($0) } }
        var relations = compiler.relations
        // `$inlineCount` counts the matching chats, as for any query: only the filter's joins.
        let count = query.options.inlineCount
            ? renderer.render(filter == nil ? SQLSelect.countOfEveryRow(catalog: catalog, columns: 1)
                : SQLSelect(columns: [.function(.count, [])], from: JoinRenderer(catalog: catalog).from(relations, walking: []), filter: filter))
            : nil
        var select = SelectList(renderer: renderer)
        let (columns, items) = try planColumns(query.select, select: &select, relations: &relations)

        let levels = Array(Set(items.compactMap(\.level))).sorted()
        let groupItems = items.indices.filter { items[$0].level != nil }
        let aggregateOrder = items.indices.filter { if case .aggregate = items[$0] { true } else { false } }
        let hideDetails = items.contains { if case .group(_, _, _, _, true, _, _) = $0 { true } else { false } }

        // The order: group keys (level by level; list items by their names, as any list column
        // sorts), then the query's order, then the primary key.
        let groupOrders = groupOrders(of: query, items: items)
        let (queryOrder, orderByAggregate) = try queryOrder(of: query, groupItems: groupItems, aggregateOrder: aggregateOrder, relations: &relations)
        if orderByAggregate != nil && !hideDetails {
            throw ArchiveError(.invalidAggregate, "ordering by an aggregate orders groups, so its GroupBy needs HideDetail", option: "$orderBy")
        }
        let primaryKey = catalog.column("", "id")
        let detailOrder = groupOrders.flatMap(\.detail) + queryOrder + [SQLOrderKey(primaryKey)]
        let primaryKeyIndex = select.add(primaryKey)

        let from = JoinRenderer(catalog: catalog).from(relations, walking: [])
        let aggregateExpressions = aggregateOrder.map { index -> SQLExpression in
            if case .aggregate(_, _, _, _, let expression, _, _) = items[index] { expression } else { .null }
        }
        let totals = SQLSelect(columns: aggregateExpressions, from: from, filter: filter)
        let aggregateKey = orderByAggregate.flatMap { order in
            aggregateOrder.firstIndex(of: order.index).map { SQLOrderKey(aggregateExpressions[$0], descending: order.descending) }
        }
        let groupStatements = groupStatements(totals, items: items, levels: levels, orders: groupOrders, aggregateKey: aggregateKey)
        // Counting every chat (to-one joins add no rows) reads the kept count.
        let countsEveryChat = filter == nil && !aggregateExpressions.isEmpty && aggregateExpressions.allSatisfy { $0 == .function(.count, []) }
        let grandTotal = aggregateOrder.isEmpty ? nil
            : renderer.render(countsEveryChat ? SQLSelect.countOfEveryRow(catalog: catalog, columns: aggregateExpressions.count) : totals)
        let onlyHiddenAggregates = levels.isEmpty && items.allSatisfy { if case .aggregate(_, _, true, _, _, _, _) = $0 { true } else { false } }
        let details: RenderedStatement? = hideDetails || onlyHiddenAggregates
            ? nil : renderer.render(SQLSelect(columns: select.expressions, from: from, filter: filter, orderBy: detailOrder))

        return AggregatePlan(
            columns: columns, items: items, levels: levels, groupStatements: groupStatements, grandTotal: grandTotal,
            details: details, count: count, primaryKeyIndex: primaryKeyIndex, aggregateOrder: aggregateOrder, skip: skip,
            top: query.page.top, wantsGrandTotal: query.options.grandTotal, fingerprint: fingerprint)
    }

    /// The rows a `$skiptoken` says were read already: aggregate pages continue by position.
    private func rowsRead(_ token: String, fingerprint: String, signer: CursorSigner) throws -> Int {
        let cursor = try attributing(to: "$skiptoken") { try KeysetCursor.decode(token, fingerprint: fingerprint, signer: signer) }
        guard cursor.segment == -1, cursor.values.count == 1, let offset = cursor.values[0].integerValue, offset >= 0 else {
            throw ArchiveError(.invalidCursor, "the $skiptoken is not valid for this query", option: "$skiptoken")
        }
        return Int(offset)
    }

    /// The result columns and the items that compute them, each expression they read added to
    /// `select` in column order.
    private func planColumns(
        _ specs: [ColumnSpec], select: inout SelectList, relations: inout Set<String>
    ) throws -> ([ResultColumn], [AggregatePlan.Item]) {
        var cells = CellPlanner(catalog: catalog, language: context.language)
        var columns: [ResultColumn] = []
        var items: [AggregatePlan.Item] = []
        for spec in specs {
            try attributing(to: "$select") {
                switch spec {
                case .column(let name):
                    let column = try ColumnResolver(catalog: catalog).column(name)
                    columns.append(ResultColumn(key: spec.key, column: column.name, kind: column.valueKind, isUTC: column.isAlwaysUTC))
                    items.append(.plain(cells.reader(for: column, select: &select), column.valueKind))
                case .aggregate(let aggregate):
                    let (item, column) = try plan(aggregate, select: &select, relations: &relations)
                    items.append(item)
                    columns.append(column)
                }
            }
        }
        relations.formUnion(cells.relations)
        return (columns, items)
    }

    /// How one GroupBy orders rows: its keys in the detail rows, and in the group statements
    /// (where a reference's text is read as the group's `min`).
    private struct GroupOrder {
        let detail: [SQLOrderKey]
        let grouped: [SQLOrderKey]
        let level: Int
    }

    /// The order of each GroupBy, outermost level first, in the direction the query orders its
    /// column (ascending when it does not).
    private func groupOrders(of query: ArchiveQuery, items: [AggregatePlan.Item]) -> [GroupOrder] {
        var orders: [GroupOrder] = []
        for index in items.indices {
            guard case .group(let level, let argument, _, _, _, _, _) = items[index] else { continue }
            let descending = query.orderBy.first { matches($0.column, spec: query.select[index]) }?.direction == .descending
            let detail = (argument.display.map { [SQLOrderKey($0, descending: descending)] } ?? []) + [SQLOrderKey(argument.value, descending: descending)]
            let grouped = (argument.display.map { [SQLOrderKey(.function(.minimum, [$0]), descending: descending)] } ?? [])
                + [SQLOrderKey(argument.value, descending: descending)]
            orders.append(GroupOrder(detail: detail, grouped: grouped, level: level))
        }
        orders.sort { $0.level < $1.level }
        return orders
    }

    /// The detail rows' keys for the query's order items that do not name a GroupBy; and the
    /// aggregate the query orders by, if any (it orders the innermost groups instead).
    private func queryOrder(
        of query: ArchiveQuery, groupItems: [Int], aggregateOrder: [Int], relations: inout Set<String>
    ) throws -> (keys: [SQLOrderKey], aggregate: (index: Int, descending: Bool)?) {
        let planner = QueryPlanner(catalog: catalog)
        var keys: [SQLOrderKey] = []
        var orderByAggregate: (index: Int, descending: Bool)?
        for item in query.orderBy where !groupItems.contains(where: { matches(item.column, spec: query.select[$0]) }) {
            if let index = aggregateOrder.first(where: { matches(item.column, spec: query.select[$0]) }) {
                orderByAggregate = (index, item.direction == .descending)
                continue
            }
            let term = try planner.orderItems(
                [item], resolver: ColumnResolver(catalog: catalog), language: context.language,
                localTime: LocalTimeSQL(clock: clock, now: context.now))[0]
            if let sortKey = term.sortKey, let key = term.expression {
                relations.formUnion(sortKey.relations)
                keys.append(SQLOrderKey(term.column.sortsAsText ? .textKey(key) : key, descending: item.direction == .descending))
            }
        }
        return (keys, orderByAggregate)
    }

    /// Per level, the statement of its groups: the totals' select with the keys of the level and
    /// the outer ones (then their texts) before the aggregates, grouped by those keys, ordered by
    /// the outer levels' keys, then `aggregateKey` (innermost level only), then the level's own.
    private func groupStatements(
        _ totals: SQLSelect, items: [AggregatePlan.Item], levels: [Int], orders: [GroupOrder], aggregateKey: SQLOrderKey?
    ) -> [Int: RenderedStatement] {
        var statements: [Int: RenderedStatement] = [:]
        for level in levels {
            var keys: [SQLExpression] = [], displays: [SQLExpression] = []
            for item in items {
                guard case .group(let itemLevel, let argument, _, _, _, _, _) = item, itemLevel <= level else { continue }
                keys.append(argument.value)
                displays.append(argument.display.map { .function(.minimum, [$0]) } ?? .null)
            }
            var orderTerms = orders.filter { $0.level < level }.flatMap(\.grouped)
            if let aggregateKey, level == levels.last {
                // Within the innermost level, groups are ordered by the aggregate.
                orderTerms.append(aggregateKey)
            }
            orderTerms += orders.filter { $0.level == level }.flatMap(\.grouped)
            var statement = totals
            statement.columns = keys + displays + totals.columns
            statement.groupBy = keys
            statement.orderBy = orderTerms
            statements[level] = renderer.render(statement)
        }
        return statements
    }

    /// True when an order item names a select column: by its spec, or, for a GroupBy, by the
    /// column it groups (`$orderBy=type desc` orders `GroupBy(type)` groups).
    private func matches(_ name: String, spec: ColumnSpec) -> Bool {
        if name.caseInsensitiveEquals(spec.key) { return true }
        guard case .aggregate(let aggregate) = spec, aggregate.function == .groupBy, let column = catalog.column(named: name) else { return false }
        return column.name.caseInsensitiveEquals(spec.baseColumn)
    }

    // MARK: - One aggregate column

    private func plan(_ spec: AggregateSpec, select: inout SelectList, relations: inout Set<String>) throws -> (AggregatePlan.Item, ResultColumn) {
        let allowed: Set<String>
        switch spec.function {
        case .groupBy: allowed = ["header", "footer", "hidedetail"]
        case .average: allowed = ["hidedetail", "header", "footer", "nonegative", "onlypositive"]
        case .datePart: allowed = Set(DatePart.allCases.map { $0.rawValue.lowercased() })
        default: allowed = ["hidedetail", "header", "footer"]
        }
        for modifier in spec.modifiers where !allowed.contains(modifier.lowercased()) && !(spec.function == .groupBy && Int(modifier) != nil) {
            throw ArchiveError(
                .invalidAggregate,
                "'\(modifier)' is not a modifier of \(spec.function.rawValue) in '\(spec.key)'; it takes \(allowed.sorted().joined(separator: ", "))\(spec.function == .groupBy ? " and a level number" : "")")
        }
        if spec.function == .groupBy, let level = spec.modifiers.compactMap({ Int($0) }).first, !(1...9).contains(level) {
            throw ArchiveError(.invalidAggregate, "the level of '\(spec.key)' must be from 1 to 9")
        }

        if spec.function == .datePart {
            let argument = try datePart(spec, relations: &relations)
            let index = select.add(argument.value)
            return (.scalar(argument: argument, valueIndex: index), ResultColumn(key: spec.key, column: argument.column.name, kind: argument.kind))
        }
        let argument = try self.argument(spec.argument, of: spec, relations: &relations)
        let hidden = spec.has("HideDetail")
        if spec.function == .groupBy {
            let valueIndex = select.add(argument.value)
            let displayIndex = argument.display.map { select.add($0) }
            return (
                .group(
                    level: spec.level, argument: argument, header: spec.has("Header"),
                    // HideDetail alone would leave nothing to show: its groups get footer rows.
                    footer: spec.has("Footer") || (hidden && !spec.has("Header")),
                    hidden: hidden, valueIndex: valueIndex, displayIndex: displayIndex),
                ResultColumn(key: spec.key, column: argument.column.name, kind: argument.kind))
        }
        let numeric: Set<ValueKind> = [.field(.integer), .field(.decimal), .field(.timeSpan), .field(.bool)]
        if [.sum, .average, .percent].contains(spec.function) && !numeric.contains(argument.kind) {
            throw ArchiveError(.invalidAggregate, "\(spec.function.rawValue) needs a number, and \(argument.column.name) is not one, in '\(spec.key)'")
        }
        // Min and Max of a reference compare its text; everything else aggregates the value.
        let input = (spec.function == .minimum || spec.function == .maximum) ? (argument.display ?? argument.value) : argument.value
        let expression: SQLExpression
        let kind: ValueKind
        switch spec.function {
        case .count where input == catalog.column("", "id"):
            // The root's key is unique and never NULL: count(*) lets the engine count the smallest index.
            (expression, kind) = (.function(.count, []), .field(.integer))
        case .count: (expression, kind) = (.function(.countDistinct, [input]), .field(.integer))
        case .countAll: (expression, kind) = (.function(.count, []), .field(.integer))
        case .sum, .percent:
            (expression, kind) = (.function(.sum, [input]), sumKind(of: argument.kind, percent: spec.function == .percent))
        case .average:
            let filtered: SQLExpression = spec.has("OnlyPositive")
                ? .cases([SQLCase(.comparison(input, .greater, .integer(0)), input)], otherwise: nil)
                : spec.has("NoNegative") ? .cases([SQLCase(.comparison(input, .greaterOrEqual, .integer(0)), input)], otherwise: nil) : input
            (expression, kind) = (.function(.average, [filtered]), .field(.decimal))
        case .minimum: (expression, kind) = (.function(.minimum, [input]), argument.display == nil ? argument.kind : .text)
        case .maximum: (expression, kind) = (.function(.maximum, [input]), argument.display == nil ? argument.kind : .text)
        case .groupBy, .datePart: preconditionFailure("handled above")
        }
        let valueIndex = select.add(input)
        let averaged: AggregatePlan.AveragedValues = spec.has("OnlyPositive") ? .positive : spec.has("NoNegative") ? .nonNegative : .all
        return (
            .aggregate(function: spec.function, argument: argument, hidden: hidden, valueIndex: valueIndex, expression: expression, kind: kind, averaged: averaged),
            ResultColumn(key: spec.key, column: argument.column.name, kind: kind))
    }

    /// The column (or date part) an aggregate reads.
    /// What a Sum (or Percent) of values of `kind` is: a count of true flags, a decimal, or the
    /// values' own kind.
    private func sumKind(of kind: ValueKind, percent: Bool) -> ValueKind {
        if percent || kind == .field(.decimal) { return .field(.decimal) }
        return kind == .field(.bool) ? .field(.integer) : kind
    }

    private func argument(_ spec: ColumnSpec, of outer: AggregateSpec, relations: inout Set<String>) throws -> AggregatePlan.Argument {
        switch spec {
        case .column(let name):
            let column = try ColumnResolver(catalog: catalog).column(name)
            let fragments: (SQLFragment, SQLFragment?)
            switch column.value {
            case .field(let fragment, _, _), .flagText(let fragment, _, _), .identifier(let fragment, _): fragments = (fragment, nil)
            case .reference(let id, let text): fragments = (id, text)
            case .references, .constant, .pseudo:
                throw ArchiveError(.invalidAggregate, "\(column.name) cannot be aggregated, in '\(outer.key)'")
            }
            relations.formUnion(fragments.0.relations)
            if let text = fragments.1 { relations.formUnion(text.relations) }
            return AggregatePlan.Argument(column: column, value: expression(fragments.0), display: fragments.1.map(expression), kind: column.valueKind)
        case .aggregate(let inner) where inner.function == .datePart:
            return try datePart(inner, relations: &relations)
        case .aggregate(let inner):
            throw ArchiveError(.invalidAggregate, "\(outer.function.rawValue) takes a column or DatePart(column), not \(inner.function.rawValue)(…), in '\(outer.key)'")
        }
    }

    /// `DatePart(column):Part`, computed in the request's time zone.
    private func datePart(_ spec: AggregateSpec, relations: inout Set<String>) throws -> AggregatePlan.Argument {
        guard spec.modifiers.count == 1, let part = DatePart(name: spec.modifiers[0]) else {
            throw ArchiveError(.invalidAggregate, "DatePart takes one part, one of \(DatePart.allCases.map(\.rawValue).joined(separator: ", ")), in '\(spec.key)'")
        }
        guard case .column(let name) = spec.argument else {
            throw ArchiveError(.invalidAggregate, "DatePart takes a date or datetime column, in '\(spec.key)'")
        }
        let column = try ColumnResolver(catalog: catalog).column(name)
        guard case .field(let fragment, let type, let zoned) = column.value, type == .date || type == .dateTime else {
            throw ArchiveError(.invalidAggregate, "DatePart takes a date or datetime column, and \(column.name) is not one, in '\(spec.key)'")
        }
        relations.formUnion(fragment.relations)
        let stored = expression(fragment)
        let local = zoned ? try localTime(stored) : stored
        return AggregatePlan.Argument(column: column, value: .datePart(part, local), display: nil, kind: part.isNumeric ? .field(.integer) : .text)
    }

    /// The stored UTC datetime moved into the request's zone. For engines without time-zone
    /// data the zone's daylight-saving changes over the column's span are written out as a CASE,
    /// oldest first; the offsets and instants come from the zone database, not from the client.
    private func localTime(_ stored: SQLExpression) throws -> SQLExpression {
        if clock.offset(atUTC: 0) == 0 && clock.zone.nextDaylightSavingTimeTransition(after: Date(timeIntervalSince1970: 0)) == nil {
            return stored
        }
        guard let (first, last) = try span(stored) else { return stored }
        var periods = [SQLTimeZone.Period(start: first, offset: clock.offset(atUTC: first))]
        var cursor = first
        while let next = clock.zone.nextDaylightSavingTimeTransition(after: Date(timeIntervalSince1970: TimeInterval(cursor))),
            Int64(next.timeIntervalSince1970) <= last
        {
            let instant = Int64(next.timeIntervalSince1970)
            periods.append(SQLTimeZone.Period(start: instant, offset: clock.offset(atUTC: instant)))
            cursor = instant
        }
        return .localTime(stored, SQLTimeZone(identifier: clock.zone.identifier, periods: periods, style: .oldestFirst))
    }
}
