import Crypto
import Foundation

/// A query turned into one SQL statement (plus, when asked, the statement that counts its rows).
struct PlannedQuery {
    let sql: String
    let arguments: [DatabaseValue]
    let columns: [ResultColumn]
    let primaryKeyIndex: Int
    /// Result positions of every order key, and of the segment number.
    let keyIndexes: [Int]
    let segmentIndex: Int
    let order: OrderPlan
    /// The rows the client asked for (nil: all); the statement fetches one more to know whether
    /// another page follows.
    let top: Int?
    let count: RenderedStatement?
    /// What identifies the query a cursor belongs to.
    let fingerprint: String
    /// Whether the rows come in the reverse of the query's order (a previous page).
    let reversed: Bool
    /// How rows are read (compiled once per prepared query).
    let rowProgram: RowDecoder.Program
}

/// The part of a plan that depends on the query and its context but not on the page: the
/// columns, the compiled restriction, the order and the FROM clause of each segment. Providers
/// keep these by query, so repeating a query (or paging through it) does not plan it again.
struct PreparedQuery: Sendable {
    let columns: [ResultColumn]
    /// The selected expressions, before the segment's.
    let selected: [SQLExpression]
    let primaryKeyIndex: Int
    let keyIndexes: [Int]
    let segmentIndex: Int
    let order: OrderPlan
    let walk: Bool
    let filter: SQLExpression?
    /// The FROM clause of each segment of the order (walking), and of the single sorted query.
    let fromBySegment: [SQLFrom]
    let fromMerged: SQLFrom
    let count: RenderedStatement?
    let fingerprint: String
    /// Whether the statement reads the order backward (from a previous page's cursor).
    var reversed = false
    /// The statement of a page without a cursor, its page size and offset bound per page.
    var firstPage: RenderedStatement? = nil
    /// How rows are read, compiled once.
    let rowProgram: RowDecoder.Program
}

/// How a page with a restriction reads its order: the planner's choice (by the restriction's
/// estimated share of the rows and the archive's size), or one of the two ways, to compare them.
public enum OrderReading: Sendable {
    case planned
    /// Walks the order's index, testing each row, up to the page's end.
    case walkingTheOrder
    /// Lets the engine find the matching rows first (by the restriction's index), then sort them.
    case filteringFirst
}

/// Plans queries for one provider: checks every name against its catalog, builds the statement
/// from the catalog's identifiers with every client value as a bound parameter, and writes it in
/// the database's dialect.
struct QueryPlanner {
    let catalog: ProviderCatalog
    var renderer = StatementRenderer(dialect: .sqlite)

    func plan(
        _ query: ArchiveQuery, context: QueryContext, clock: ZonedClock, signer: CursorSigner,
        statistics: DatabaseStatistics = .empty, reading: OrderReading = .planned
    ) throws -> PlannedQuery {
        let reversed = query.page.cursor.map(KeysetCursor.isBackward) ?? false
        return try assemble(
            prepare(query, context: context, clock: clock, statistics: statistics, reversed: reversed, reading: reading), page: query.page, signer: signer)
    }

    /// Everything of a plan that does not depend on the page; `reversed` reads the order
    /// backward (for a previous page).
    func prepare(
        _ query: ArchiveQuery, context: QueryContext, clock: ZonedClock, statistics: DatabaseStatistics, reversed: Bool = false,
        reading: OrderReading = .planned
    ) throws -> PreparedQuery {
        try checkEntities(query.entities)
        try checkPaging(query.page)
        let resolver = ColumnResolver(catalog: catalog)
        let selected = try selectedColumns(query.select, resolver: resolver)
        let orderItems = try orderItems(
            query.orderBy, resolver: resolver, language: context.language, localTime: LocalTimeSQL(clock: clock, now: context.now))

        // The restriction's meaning and its estimated size decide how the order is read.
        var probe = RestrictionCompiler(catalog: catalog, context: context, requestClock: clock, statistics: statistics)
        let unsteered = try attributing(to: "$filter") { try query.restriction.map { try probe.compile($0) } }
        let order = OrderPlan.make(
            items: orderItems, catalog: catalog, required: probe.requiredRelations,
            isNotNull: statistics.isNotNull(table:column:), language: context.language, reversed: reversed)
        let walk = switch reading {
        case .planned: order.isWalkable && Self.walkingIsCheaper(matching: probe.selectivity, top: query.page.top, rows: statistics.rowCounts[catalog.rootTable])
        case .walkingTheOrder: order.isWalkable
        case .filteringFirst: false
        }

        // When walking the order's index, the restriction must not steer the engine onto another one.
        var filter = unsteered
        var filterRelations = probe.relations
        if walk, let restriction = query.restriction {
            var steered = RestrictionCompiler(
                catalog: catalog, context: context, requestClock: clock, statistics: statistics,
                indexable: Set(order.keys.prefix(1).map(\.expression.unwrappingTextKey)))
            filter = try attributing(to: "$filter") { try steered.compile(restriction) }
            filterRelations = steered.relations
            filter = filter.map { testingJoinedRowsPerRow($0, walked: order.path.map(\.path)) }
        }

        // Result columns: the selected cells, then the primary key, the order keys and the segment.
        var select = SelectList(renderer: renderer)
        var cells = CellPlanner(catalog: catalog, language: context.language)
        var columns: [ResultColumn] = []
        var readers: [CellSource] = []
        for (key, column) in selected {
            columns.append(ResultColumn(key: key, column: column.name, kind: column.valueKind, isUTC: column.isAlwaysUTC))
            readers.append(cells.reader(for: column, select: &select))
        }
        let relations = filterRelations.union(order.relations).union(cells.relations)
        let primaryKeyIndex = select.add(catalog.column("", "id"))
        // The cursor keeps a text key's value as stored, not folded: the same cursor then
        // continues a page on either engine (the seek folds it again where the dialect must).
        let keyIndexes = order.keys.map { select.add($0.expression.unwrappingTextKey) }

        var joins = JoinRenderer(catalog: catalog)
        joins.index = { statistics.index(table: $0, column: $1) }
        let sortColumn = Self.sortColumn(of: orderItems, language: context.language)
        func from(_ segment: OrderPlan.Segment) -> SQLFrom {
            let path = order.path.filter { segment.innerRelations.contains($0.path) }
            // A segment that stops short of the sort column's table walks its last table by key.
            return joins.from(relations, walking: path, sortColumn: path.count == order.path.count ? sortColumn : nil, first: walk ? filterRelations : [])
        }
        let mergedInner = order.mergeableRange.map { order.segments[$0.lowerBound].innerRelations } ?? order.segments[0].innerRelations

        var count: RenderedStatement?
        if query.options.inlineCount {
            // Counted with the restriction as written: the engine picks the cheapest index for it;
            // every chat, from the kept count.
            count = renderer.render(unsteered == nil ? SQLSelect.countOfEveryRow(catalog: catalog, columns: 1)
                : SQLSelect(columns: [.function(.count, [])], from: joins.from(probe.relations, walking: []), filter: unsteered))
        }
        var prepared = PreparedQuery(
            columns: columns, selected: select.expressions,
            primaryKeyIndex: primaryKeyIndex, keyIndexes: keyIndexes, segmentIndex: select.expressions.count, order: order,
            walk: walk, filter: filter,
            fromBySegment: walk ? order.segments.map(from) : [],
            fromMerged: walk ? from(OrderPlan.Segment(keyOffset: 0, conditions: [], innerRelations: mergedInner)) : joins.from(relations, walking: []),
            count: count, fingerprint: Self.fingerprint(query, provider: catalog.name, language: context.language),
            reversed: reversed, rowProgram: RowDecoder.Program(sources: readers, columns: columns))
        prepared.firstPage = renderer.render(try statement(prepared, cursor: nil))
        return prepared
    }

    /// A walk's restriction with its conditions on rows joined beside the walk (the chat's
    /// person, when walking dates) tested per walked row, not by reading those whole tables
    /// first; conditions on the walked tables (a range of the order's column) stay as they are,
    /// for the engine to bound the walk with.
    private func testingJoinedRowsPerRow(_ filter: SQLExpression, walked: [String]) -> SQLExpression {
        let walkedTables = Set(([""] + walked).map { SQLTable.relation(catalog.aliasName(of: $0)) })
        var kept: [SQLExpression] = [], perRow: [SQLExpression] = []
        for conjunct in filter.conjuncts {
            if let read = conjunct.readTables, read.isSubset(of: walkedTables) { kept.append(conjunct) } else { perRow.append(conjunct) }
        }
        guard !perRow.isEmpty else { return filter }
        let tested = SQLExpression.testedPerRow(perRow.count == 1 ? perRow[0] : .and(perRow))
        return kept.isEmpty ? tested : .and(kept + [tested])
    }

    /// The columns a query selects (the catalog's defaults when it names none), by their keys.
    private func selectedColumns(_ specs: [ColumnSpec], resolver: ColumnResolver) throws -> [(String, ColumnDefinition)] {
        try attributing(to: "$select") { try (specs.isEmpty ? catalog.defaultColumns.map { ColumnSpec.column($0) } : specs).map { spec -> (String, ColumnDefinition) in
            guard case .column(let name) = spec else {
                throw ArchiveError(.invalidAggregate, "aggregate columns are planned by the aggregation planner")
            }
            return (spec.key, try resolver.column(name))
        } }
    }

    /// The column of the path's innermost table the order sorts by (list names by language): a
    /// walk pins that table to the index on this column.
    private static func sortColumn(of orderItems: [OrderTerm], language: Language) -> String? {
        orderItems.last?.sortKey.flatMap { fragment -> String? in
            switch fragment.kind {
            case .column(_, let name): return name
            case .listName: return "name_" + language.rawValue
            default: return nil
            }
        }
    }

    /// The statement for one page of a prepared query.
    func assemble(_ prepared: PreparedQuery, page: Page, signer: CursorSigner) throws -> PlannedQuery {
        var cursor: KeysetCursor?
        if let token = page.cursor {
            let decoded = try attributing(to: "$skiptoken") { try KeysetCursor.decode(token, fingerprint: prepared.fingerprint, signer: signer) }
            guard prepared.order.segments.indices.contains(decoded.segment), decoded.values.count == prepared.order.keys.count,
                decoded.backward == prepared.reversed
            else {
                throw ArchiveError(.invalidCursor, "the $skiptoken is not valid for this query", option: "$skiptoken")
            }
            // A reversed plan has the segments in the other order.
            cursor = KeysetCursor(segment: prepared.segmentNumber(decoded.segment), values: decoded.values, backward: decoded.backward)
        }
        let statement: RenderedStatement
        if let cursor {
            statement = renderer.render(try self.statement(prepared, cursor: cursor))
        } else if let firstPage = prepared.firstPage {
            statement = firstPage
        } else {
            statement = renderer.render(try self.statement(prepared, cursor: nil))
        }
        // One row more than asked tells whether another page follows; segments are limited one
        // by one too (to the rows a page can reach).
        let fetch: Int64 = page.top.map { Int64($0) + 1 } ?? -1
        let skip = Int64(page.skip)
        let arguments = statement.values(pageRows: fetch, pageSkip: skip, partRows: fetch < 0 ? -1 : fetch + skip)
        return PlannedQuery(
            sql: statement.sql, arguments: arguments, columns: prepared.columns,
            primaryKeyIndex: prepared.primaryKeyIndex, keyIndexes: prepared.keyIndexes, segmentIndex: prepared.segmentIndex,
            order: prepared.order, top: page.top, count: prepared.count, fingerprint: prepared.fingerprint,
            reversed: prepared.reversed, rowProgram: prepared.rowProgram)
    }

    /// The statement of a prepared query from a cursor (nil: the first page).
    private func statement(_ prepared: PreparedQuery, cursor: KeysetCursor?) throws -> SQLStatement {
        let order = prepared.order
        // The parts of the statement: one per segment walked (from the cursor's segment on), or
        // a single sorted query.
        struct Part {
            let from: SQLFrom
            let keyOffset: Int
            let conditions: [SQLExpression]
            let segmentExpression: SQLExpression
            let seek: SQLExpression?
        }
        var parts: [Part] = []
        if !prepared.walk {
            let seek = try cursor.map { try Self.seekAllowingNulls(keys: order.keys, values: $0.values) }
            parts = [Part(from: prepared.fromMerged, keyOffset: 0, conditions: [], segmentExpression: order.segmentExpression, seek: seek)]
        } else if let cursor {
            for index in cursor.segment..<order.segments.count {
                let segment = order.segments[index]
                let seek = index == cursor.segment
                    ? try Self.seek(keys: Array(order.keys[segment.keyOffset...]), values: Array(cursor.values[segment.keyOffset...])) : nil
                parts.append(Part(from: prepared.fromBySegment[index], keyOffset: segment.keyOffset, conditions: segment.conditions,
                                  segmentExpression: .integer(Int64(index)), seek: seek))
            }
        } else {
            var index = 0
            while index < order.segments.count {
                if let range = order.mergeableRange, range.lowerBound == index {
                    parts.append(Part(from: prepared.fromMerged, keyOffset: 0, conditions: [], segmentExpression: order.segmentExpression, seek: nil))
                    index = range.upperBound
                } else {
                    let segment = order.segments[index]
                    parts.append(Part(from: prepared.fromBySegment[index], keyOffset: segment.keyOffset, conditions: segment.conditions,
                                      segmentExpression: .integer(Int64(index)), seek: nil))
                    index += 1
                }
            }
        }

        let selects = parts.map { part -> SQLSelect in
            var predicates: [SQLExpression] = []
            if let filter = prepared.filter { predicates.append(filter) }
            predicates += part.conditions
            if let seek = part.seek { predicates.append(seek) }
            return SQLSelect(
                columns: prepared.selected + [part.segmentExpression], from: part.from,
                filter: predicates.isEmpty ? nil : .and(predicates),
                orderBy: order.keys[part.keyOffset...].map { key in
                    SQLOrderKey(key.expression, descending: key.descending, nonNull: part.from.isNeverNullKey(key.expression))
                })
        }
        guard selects.count > 1 else {
            var only = selects[0]
            only.limit = .slot(.pageRows)
            only.offset = .slot(.pageSkip)
            return .select(only)
        }
        return .concatenated(selects.map { part in
            var limited = part
            limited.limit = .slot(.partRows)
            return limited
        }, limit: .slot(.pageRows), offset: .slot(.pageSkip))
    }

    /// Whether reading the order's index and filtering as rows come beats reading the matching
    /// rows through the restriction's index and sorting them. A page of `k` rows walks about
    /// `k·N/F` rows of `N` when `F` match, against `F` rows fetched and sorted: walking wins when
    /// `F² ≥ k·N`. Without statistics a large table is assumed.
    static func walkingIsCheaper(matching fraction: Double, top: Int?, rows: Double?) -> Bool {
        let total = max(rows ?? 1_000_000, 1)
        let page = Double(top.map { $0 + 1 } ?? Int(total))
        let matching = total * fraction
        return matching * matching >= page * total
    }

    // MARK: - Checks

    func checkEntities(_ entities: [String]) throws {
        for entity in entities where !catalog.entities.contains(where: { $0.name.caseInsensitiveEquals(entity) }) {
            throw ArchiveError(
                .unknownEntity,
                "'\(entity)' is not an entity of the \(catalog.name) provider; it has \(catalog.entities.map { "'\($0.name)'" }.joined(separator: ", "))",
                option: "$entities", suggestions: catalog.entities.map(\.name))
        }
    }

    func checkPaging(_ page: Page) throws {
        if let top = page.top, top < 0 { throw ArchiveError(.invalidPaging, "$top must be 0 or more, not \(top)", option: "$top") }
        if page.skip < 0 { throw ArchiveError(.invalidPaging, "$skip must be 0 or more, not \(page.skip)", option: "$skip") }
    }

    /// The order's columns, checked to be orderable, with their sort keys for this request.
    func orderItems(_ items: [OrderItem], resolver: ColumnResolver, language: Language, localTime: LocalTimeSQL) throws -> [OrderTerm] {
        try attributing(to: "$orderBy") { try items.map { item in
            let column = try resolver.column(item.column)
            guard column.canOrderBy else {
                let orderable = resolver.closestNames(to: item.column).filter { catalog.column(named: $0)?.canOrderBy == true }
                throw ArchiveError(
                    .columnNotOrderable,
                    "\(column.name) cannot be ordered by" + (orderable.isEmpty ? "" : "; columns that can: \(orderable.joined(separator: ", "))"),
                    suggestions: orderable)
            }
            return OrderTerm(
                column: column, sortKey: column.sortKey,
                expression: column.sortKey?.expression(in: catalog, language: language, localTime: localTime), direction: item.direction)
        } }
    }

    /// The rows after a cursor within one segment, whose keys are all non-NULL: a range seek on
    /// the first key, then the usual lexicographic comparison.
    static func seek(keys: [OrderPlan.Key], values: [DatabaseValue]) throws -> SQLExpression {
        guard !values.contains(where: \.isNull) else {
            throw ArchiveError(.invalidCursor, "the $skiptoken is not valid for this query", option: "$skiptoken")
        }
        func value(_ index: Int) -> SQLExpression { Self.bound(values[index], for: keys[index]) }
        func after(_ index: Int) -> SQLExpression {
            let key = keys[index]
            let comparison = SQLExpression.comparison(key.expression, key.descending ? .less : .greater, value(index))
            guard index + 1 < keys.count else { return comparison }
            return .or([comparison, .and([.equal(key.expression, value(index)), after(index + 1)])])
        }
        // The bound the engine seeks the index to: a row value over the leading keys of one table
        // in one direction (e.g. `("person"."last_name", "person"."id") >= (?, ?)`), which reads
        // as a range over the index and its key, so a page deep inside a run of equal names
        // starts at its row instead of at the run's first row.
        let first = keys[0]
        let table = first.expression.columnTable
        let leading = table == nil ? 1 : keys.prefix { $0.descending == first.descending && $0.expression.columnTable == table }.count
        let comparison: SQLComparison = first.descending ? .lessOrEqual : .greaterOrEqual
        let start: SQLExpression = leading == 1
            ? .comparison(first.expression, comparison, value(0))
            : .comparison(.row(keys[..<leading].map(\.expression)), comparison, .row((0..<leading).map(value)))
        return .and([start, after(0)])
    }

    /// A cursor's value as the bound a key is compared with: a text key's value is compared the
    /// way the key sorts (folded where the dialect folds the key).
    static func bound(_ value: DatabaseValue, for key: OrderPlan.Key) -> SQLExpression {
        let parameter = SQLExpression.parameter(value, key.type)
        if case .textKey = key.expression { return .textKey(parameter) }
        return parameter
    }

    /// The rows after a cursor in an order whose keys may be NULL (NULL sorts first ascending,
    /// last descending): the lexicographic comparison with NULL-aware terms.
    static func seekAllowingNulls(keys: [OrderPlan.Key], values: [DatabaseValue]) throws -> SQLExpression {
        func equal(_ index: Int) -> SQLExpression {
            values[index].isNull ? .isNull(keys[index].expression) : .equal(keys[index].expression, Self.bound(values[index], for: keys[index]))
        }
        func after(_ index: Int) -> SQLExpression? {
            let key = keys[index], value = values[index]
            switch (key.descending, value.isNull) {
            case (false, true): return .isNotNull(key.expression)
            case (false, false): return .comparison(key.expression, .greater, Self.bound(value, for: key))
            case (true, true): return nil  // nothing sorts after NULL when descending
            case (true, false): return .or([.comparison(key.expression, .less, Self.bound(value, for: key)), .isNull(key.expression)])
            }
        }
        var alternatives: [SQLExpression] = []
        for index in keys.indices {
            guard let later = after(index) else { continue }
            alternatives.append(.and((0..<index).map(equal) + [later]))
        }
        return alternatives.isEmpty ? .alwaysFalse : .or(alternatives)
    }

    /// Identifies the query a cursor belongs to: what it selects, restricts and orders, in which
    /// language (list columns sort by their names).
    static func fingerprint(_ query: ArchiveQuery, provider: String, language: Language) -> String {
        let text = [
            provider, language.rawValue, query.select.map(\.key).joined(separator: ","), query.restriction?.canonicalText ?? "",
            query.orderBy.map { "\($0.column.lowercased()) \($0.direction.rawValue)" }.joined(separator: ","),
            query.entities.map { $0.lowercased() }.joined(separator: ","),
        ].joined(separator: "\u{1F}")
        return SHA256.hash(data: Data(text.utf8)).prefix(8).map { String($0, radix: 16).leftPaddedHex() }.joined()
    }
}

extension PreparedQuery {
    /// A segment's number in this plan's order from its number in the query's order, and back
    /// (a reversed plan numbers them from the other end).
    func segmentNumber(_ segment: Int) -> Int { reversed ? order.segments.count - 1 - segment : segment }
}

extension PlannedQuery {
    /// The cursor at a result row: its order keys and its segment (numbered in the query's own
    /// order, whichever way this plan reads).
    func cursor(at row: some ResultRow, backward: Bool) -> KeysetCursor {
        let segment = Int(row.int64(at: segmentIndex))
        return KeysetCursor(
            segment: reversed ? order.segments.count - 1 - segment : segment, values: keyIndexes.map { row.value(at: $0) }, backward: backward)
    }
}

extension String {
    fileprivate func leftPaddedHex() -> String { count == 1 ? "0" + self : self }
}
