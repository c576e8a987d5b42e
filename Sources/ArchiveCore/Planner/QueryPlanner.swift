import ArchiveSQLite
import Crypto
import Foundation

/// A query turned into one SQL statement (plus, when asked, the statement that counts its rows).
struct PlannedQuery {
    let sql: String
    let arguments: [SQLiteValue]
    let columns: [ResultColumn]
    let readers: [CellReader]
    let primaryKeyIndex: Int
    /// Result positions of every order key, and of the segment number.
    let keyIndexes: [Int]
    let segmentIndex: Int
    let order: OrderPlan
    /// The rows the client asked for (nil: all); the statement fetches one more to know whether
    /// another page follows.
    let top: Int?
    let count: SQLText?
    let fingerprint: String
}

/// Plans queries for one provider: checks every name against its catalog and writes SQL from
/// the catalog's identifiers, with every client value as a bound parameter.
struct QueryPlanner {
    let catalog: ProviderCatalog

    func plan(_ query: ArchiveQuery, context: RequestContext, clock: ZonedClock, cursorKey: SymmetricKey) throws -> PlannedQuery {
        try checkEntities(query.entities)
        try checkPaging(query.page)
        let resolver = ColumnResolver(catalog: catalog)
        let selected = try (query.select.isEmpty ? catalog.defaultColumns.map { ColumnSpec.column($0) } : query.select).map { spec -> (String, ColumnDefinition) in
            guard case .column(let name) = spec else {
                throw ArchiveError(.invalidAggregate, "aggregate columns are planned by the aggregation planner")
            }
            return (spec.key, try resolver.column(name))
        }
        let orderItems = try orderItems(query.orderBy, resolver: resolver)

        func render(_ fragment: SQLFragment) -> String { fragment.render(alias: catalog.alias(of:), language: context.language) }
        var filterCompiler = RestrictionCompiler(catalog: catalog, context: context, requestClock: clock)
        let filter = try query.restriction.map { try filterCompiler.compile($0) }
        let order = OrderPlan.make(items: orderItems, catalog: catalog, required: filterCompiler.requiredRelations, render: render)
        let fingerprint = Self.fingerprint(query, provider: catalog.name, language: context.language)

        // Result columns: the selected cells, then the primary key, the order keys and the segment.
        var select = SelectList()
        var cells = CellPlanner(catalog: catalog, language: context.language)
        var columns: [ResultColumn] = []
        var readers: [CellReader] = []
        for (key, column) in selected {
            columns.append(ResultColumn(key: key, column: column.name, kind: column.valueKind))
            readers.append(cells.reader(for: column, select: &select))
        }
        let relations = filterCompiler.relations.union(order.relations).union(cells.relations)
        let primaryKeyIndex = select.add(render(.column("", "id")))
        let keyIndexes = order.keys.map { select.add($0.sql) }

        // Which segments run: all of them from the cursor's on, or (first page) all with the
        // NULL / non-NULL halves of the full path merged.
        var cursorSeek: (segment: Int, values: [SQLiteValue])?
        if let token = query.page.cursor {
            let cursor = try KeysetCursor.decode(token, fingerprint: fingerprint, key: cursorKey)
            guard order.segments.indices.contains(cursor.segment), cursor.values.count == order.keys.count else {
                throw ArchiveError(.invalidCursor, "the $skiptoken is not valid for this query")
            }
            cursorSeek = (cursor.segment, cursor.values)
        }
        struct Part {
            let segment: OrderPlan.Segment
            let segmentExpression: String
            let seek: SQLText?
        }
        var parts: [Part] = []
        if let cursorSeek {
            for index in cursorSeek.segment..<order.segments.count {
                let segment = order.segments[index]
                let seek = index == cursorSeek.segment
                    ? try Self.seek(keys: Array(order.keys[segment.keyOffset...]), values: Array(cursorSeek.values[segment.keyOffset...])) : nil
                parts.append(Part(segment: segment, segmentExpression: String(index), seek: seek))
            }
        } else {
            var index = 0
            while index < order.segments.count {
                if let range = order.mergeableRange, range.lowerBound == index, let expression = order.mergedSegmentExpression {
                    let full = order.segments[range.lowerBound]
                    parts.append(Part(segment: OrderPlan.Segment(keyOffset: 0, conditions: [], innerRelations: full.innerRelations),
                                      segmentExpression: expression, seek: nil))
                    index = range.upperBound
                } else {
                    parts.append(Part(segment: order.segments[index], segmentExpression: String(index), seek: nil))
                    index += 1
                }
            }
        }

        let top = query.page.top
        // One row more than asked tells whether another page follows.
        let fetch: Int64 = top.map { Int64($0) + 1 } ?? -1
        let segmentIndex = select.expressions.count
        let joins = JoinRenderer(catalog: catalog)
        var statements: [SQLText] = []
        for part in parts {
            var text = SQLText("SELECT " + (select.expressions + [part.segmentExpression]).joined(separator: ", ") + " ")
            text.sql += joins.from(relations, inner: part.segment.innerRelations)
            var predicates: [SQLText] = []
            if let filter { predicates.append(filter) }
            predicates += part.segment.conditions.map { SQLText($0) }
            if let seek = part.seek { predicates.append(seek) }
            if !predicates.isEmpty { text += SQLText(" WHERE ") + SQLText.joined(predicates, by: "AND") }
            let keys = order.keys[part.segment.keyOffset...]
            text.sql += " ORDER BY " + keys.map { $0.sql + ($0.descending ? " DESC" : "") }.joined(separator: ", ")
            statements.append(text)
        }
        var statement: SQLText
        let skip = Int64(query.page.skip)
        if statements.count == 1 {
            statement = statements[0] + SQLText(" LIMIT ? OFFSET ?", [.integer(fetch), .integer(skip)])
        } else {
            let perPart: Int64 = fetch < 0 ? -1 : fetch + skip
            statement = SQLText("")
            for (offset, part) in statements.enumerated() {
                if offset > 0 { statement.sql += " UNION ALL " }
                statement += SQLText("SELECT * FROM (") + part + SQLText(" LIMIT ?)", [.integer(perPart)])
            }
            statement += SQLText(" LIMIT ? OFFSET ?", [.integer(fetch), .integer(skip)])
        }

        var count: SQLText?
        if query.options.inlineCount {
            count = SQLText("SELECT count(*) " + joins.from(filterCompiler.relations, inner: []))
            if let filter { count! += SQLText(" WHERE ") + filter }
        }
        return PlannedQuery(
            sql: statement.sql, arguments: statement.arguments, columns: columns, readers: readers,
            primaryKeyIndex: primaryKeyIndex, keyIndexes: keyIndexes, segmentIndex: segmentIndex, order: order,
            top: top, count: count, fingerprint: fingerprint)
    }

    // MARK: - Checks

    func checkEntities(_ entities: [String]) throws {
        for entity in entities where !catalog.entities.contains(where: { $0.name.caseInsensitiveEquals(entity) }) {
            throw ArchiveError(
                .unknownEntity,
                "'\(entity)' is not an entity of the \(catalog.name) provider; it has \(catalog.entities.map { "'\($0.name)'" }.joined(separator: ", "))",
                suggestions: catalog.entities.map(\.name))
        }
    }

    func checkPaging(_ page: Page) throws {
        if let top = page.top, top < 0 { throw ArchiveError(.invalidPaging, "$top must be 0 or more, not \(top)") }
        if page.skip < 0 { throw ArchiveError(.invalidPaging, "$skip must be 0 or more, not \(page.skip)") }
    }

    func orderItems(_ items: [OrderItem], resolver: ColumnResolver) throws -> [(column: ColumnDefinition, direction: SortDirection)] {
        try items.map { item in
            let column = try resolver.column(item.column)
            guard column.canOrderBy else {
                let orderable = resolver.closestNames(to: item.column).filter { catalog.column(named: $0)?.canOrderBy == true }
                throw ArchiveError(
                    .columnNotOrderable,
                    "\(column.name) cannot be ordered by" + (orderable.isEmpty ? "" : "; columns that can: \(orderable.joined(separator: ", "))"),
                    suggestions: orderable)
            }
            return (column, item.direction)
        }
    }

    /// The rows after a cursor within one segment, whose keys are all non-NULL: a range seek on
    /// the first key, then the usual lexicographic comparison.
    static func seek(keys: [OrderPlan.Key], values: [SQLiteValue]) throws -> SQLText {
        guard !values.contains(where: \.isNull) else {
            throw ArchiveError(.invalidCursor, "the $skiptoken is not valid for this query")
        }
        func after(_ index: Int) -> SQLText {
            let key = keys[index]
            let comparison = SQLText("\(key.sql) \(key.descending ? "<" : ">") ?", [values[index]])
            guard index + 1 < keys.count else { return comparison }
            return SQLText("(") + comparison + SQLText(" OR (\(key.sql) = ?", [values[index]]) + SQLText(" AND ") + after(index + 1) + SQLText("))")
        }
        let first = keys[0]
        return SQLText("(\(first.sql) \(first.descending ? "<=" : ">=") ?", [values[0]]) + SQLText(" AND ") + after(0) + SQLText(")")
    }

    /// Identifies the query a cursor belongs to: what it selects, restricts and orders, in which
    /// language (list columns sort by their names).
    static func fingerprint(_ query: ArchiveQuery, provider: String, language: Language) -> String {
        let text = [
            provider, language.rawValue, query.select.map(\.key).joined(separator: ","), String(describing: query.restriction),
            query.orderBy.map { "\($0.column.lowercased()) \($0.direction.rawValue)" }.joined(separator: ","),
            query.entities.map { $0.lowercased() }.joined(separator: ","),
        ].joined(separator: "\u{1F}")
        return SHA256.hash(data: Data(text.utf8)).prefix(8).map { String($0, radix: 16).leftPaddedHex() }.joined()
    }
}

extension String {
    fileprivate func leftPaddedHex() -> String { count == 1 ? "0" + self : self }
}
