/// The complete order of a query, and how it is split into segments that SQLite can walk in index
/// order.
///
/// The order is the requested sort keys, then — for the last sort column — the primary keys of
/// the rows on that column's path (innermost first, in the same direction), then the root's
/// primary key ascending. For `person/lastName` that is `person.last_name, person.id, chat.id`:
/// the order nested loops over the person index and the chat-by-person index produce, so a page
/// needs no sort.
///
/// A path through optional relations cannot be walked that way with a LEFT JOIN, so such an
/// order is split into segments: one per optional relation that may be missing (its foreign key
/// IS NULL; those rows sort first ascending), one where the sort value is NULL (unless the schema
/// declares it `NOT NULL`), one where it is not. Each segment joins the path with INNER JOINs and has its own index-friendly ORDER BY; the
/// segments are concatenated in order (`UNION ALL` of ordered subqueries). Every key of a segment
/// is non-NULL, so a keyset cursor is a plain range seek inside its segment.
struct OrderPlan: Sendable {
    struct Key: Sendable {
        let expression: SQLExpression
        let descending: Bool
        /// What the key's values are, for dialects whose parameters are typed (cursor seeks).
        var type: SQLType = .natural
    }

    struct Segment: Sendable {
        /// `keys[keyOffset...]` order this segment; the earlier keys are NULL in it.
        let keyOffset: Int
        /// Extra conditions that select the segment's rows.
        let conditions: [SQLExpression]
        /// Relations joined with INNER JOIN in this segment.
        let innerRelations: Set<String>
    }

    /// Every key, in order.
    let keys: [Key]
    /// The relations the keys read.
    let relations: Set<String>
    /// The segments in output order, finest split (each segment's keys all non-NULL).
    let segments: [Segment]
    /// For a first page (no cursor), the segments whose only difference is whether the sort value
    /// is NULL can run as one: `mergeableRange` of `segments`, if any.
    let mergeableRange: Range<Int>?
    /// An expression giving the segment a row belongs to, evaluated over LEFT JOINs.
    let segmentExpression: SQLExpression
    /// The relations of the path the order walks, outermost first (empty: the root's own column).
    let path: [Relation]
    /// Whether the order can be read from indexes along `path` (one sort column, joins by keys).
    let isWalkable: Bool
}

/// One column of an order, with what it sorts by in this request (its sort key, with local
/// dates written for the request's zone).
struct OrderTerm {
    let column: ColumnDefinition
    /// The catalog's sort key, and the expression it is in this request.
    let sortKey: SQLFragment?
    let expression: SQLExpression?
    let direction: SortDirection

    /// What the sort key's values are: a datetime, a date or (for text, numbers, flags) as they are.
    var keyType: SQLType {
        switch column.fieldType {
        case .date: .date
        case .dateTime: column.sortsByItsValue ? .dateTime : .date
        default: .natural
        }
    }
}

extension OrderPlan {
    /// Builds the plan for sort columns (already checked to be orderable).
    ///
    /// - Parameters:
    ///   - required: Relations the restriction requires: segments where one of them is missing
    ///     hold no rows and are left out.
    ///   - isNotNull: Whether the schema declares a table's column `NOT NULL`: then the sort
    ///     value is never NULL where its row exists, and that segment is left out.
    ///   - reversed: The exact reverse of the order (every key, the root's too, in the other
    ///     direction, and the segments in the other order), for reading the rows before a
    ///     cursor (a previous page).
    static func make(
        items: [OrderTerm],
        catalog: ProviderCatalog,
        required: Set<String> = [],
        isNotNull: (_ table: String, _ column: String) -> Bool = { _, _ in false },
        language: Language = .english,
        reversed: Bool = false
    ) -> OrderPlan {
        let sorted = items.filter { $0.sortKey != nil }
        let (leadingKeys, relations, chain) = sortKeys(sorted, catalog: catalog, reversed: reversed)
        let rootKey = catalog.column("", "id")
        let sortValue = leadingKeys.first?.expression
        // Last, the root's primary key ascending (unless the sort column is that key).
        let keys = leadingKeys.contains { $0.expression == rootKey } ? leadingKeys : leadingKeys + [Key(expression: rootKey, descending: reversed)]

        // Segments: only for a single sort column over parent-column joins.
        let byKeys = chain.allSatisfy { if case .parentColumn = $0.join { true } else { false } }
        let segmentable = sorted.count == 1 && byKeys
        guard segmentable, let sortValue, sortValue != rootKey else {
            return OrderPlan(keys: keys, relations: relations, segments: [Segment(keyOffset: 0, conditions: [], innerRelations: [])],
                             mergeableRange: nil, segmentExpression: .integer(0), path: segmentable ? chain : [], isWalkable: sorted.count <= 1 && byKeys)
        }
        let descending = (sorted[0].direction == .descending) != reversed
        // A sort value that is a key, or a NOT NULL column, is never NULL where its row exists.
        let isKey = chain.contains { catalog.column($0.path, "id") == sortValue }
            || Self.declaredNotNull(sorted[0].sortKey!, catalog: catalog, language: language, isNotNull: isNotNull)
        var ascendingSegments = missingRelationSegments(chain: chain, keys: keys, required: required, catalog: catalog)
        let inner = Set(chain.map(\.path))
        // The NULL tests read the value itself (a text key's NULLs are the column's).
        let nullable = sortValue.unwrappingTextKey
        if !isKey {
            ascendingSegments.append(Segment(keyOffset: 1, conditions: [.isNull(nullable)], innerRelations: inner))
        }
        ascendingSegments.append(Segment(keyOffset: 0, conditions: isKey ? [] : [.isNotNull(nullable)], innerRelations: inner))
        let segments = descending ? ascendingSegments.reversed() : ascendingSegments
        return OrderPlan(
            keys: keys, relations: relations, segments: segments,
            mergeableRange: isKey ? nil : mergeableRange(of: segments, nullable: nullable),
            segmentExpression: segmentExpression(ascending: ascendingSegments, segments: segments), path: chain, isWalkable: true)
    }

    /// The keys of the sort columns, then the primary keys of the rows on the last one's path
    /// (innermost first, in its direction); with the relations they read, and that path.
    private static func sortKeys(_ sorted: [OrderTerm], catalog: ProviderCatalog, reversed: Bool) -> (keys: [Key], relations: Set<String>, chain: [Relation]) {
        var keys: [Key] = []
        var relations: Set<String> = []
        func add(_ expression: SQLExpression, descending: Bool, type: SQLType = .natural) {
            if !keys.contains(where: { $0.expression == expression }) { keys.append(Key(expression: expression, descending: descending, type: type)) }
        }
        var chain: [Relation] = []
        for (offset, item) in sorted.enumerated() {
            relations.formUnion(item.sortKey!.relations)
            let descending = (item.direction == .descending) != reversed
            add(keyExpression(item, isLast: offset == sorted.count - 1, catalog: catalog), descending: descending, type: item.keyType)
            if offset == sorted.count - 1 {
                let leaf = item.sortKey!.relations.max(by: { $0.split(separator: ".").count < $1.split(separator: ".").count }) ?? ""
                chain = catalog.chain(to: leaf)
                for relation in chain.reversed() {
                    relations.insert(relation.path)
                    add(catalog.column(relation.path, "id"), descending: descending)
                }
            }
        }
        return (keys, relations, chain)
    }

    /// What a sort column's key compares: its sort expression, folded when it sorts as text.
    private static func keyExpression(_ item: OrderTerm, isLast: Bool, catalog: ProviderCatalog) -> SQLExpression {
        var sortKey = item.expression!
        // A boolean with no value (its row missing) counts as false. As the last key its NULLs
        // already sort with the false rows (the path keys after it are NULL too, and NULLs
        // sort first): only an earlier key, whose ties the next key breaks, needs the
        // coalesce, which keeps the last key on its index.
        if !isLast, item.column.fieldType == .bool, Self.mayBeMissing(item.sortKey!, catalog: catalog) {
            sortKey = .function(.coalesce, [sortKey, .integer(0)])
        }
        if item.column.sortsAsText { sortKey = .textKey(sortKey) }
        return sortKey
    }

    /// The segments, outermost first, where an optional relation of the path is missing (its
    /// foreign key IS NULL): those rows sort first ascending, ordered by the keys still present.
    private static func missingRelationSegments(
        chain: [Relation], keys: [Key], required: Set<String>, catalog: ProviderCatalog
    ) -> [Segment] {
        let rootKey = catalog.column("", "id")
        var segments: [Segment] = []
        for (index, relation) in chain.enumerated() where relation.isOptional {
            guard case .parentColumn(let foreignKey) = relation.join else { continue }
            // With `relation` missing, so is everything under it: a restriction on any of those is false.
            if required.contains(where: { $0 == relation.path || $0.hasPrefix(relation.path + ".") }) { continue }
            // The keys left are the primary keys of the relations still present, then the root's.
            let firstPresent = index == 0 ? rootKey : catalog.column(chain[index - 1].path, "id")
            segments.append(Segment(
                keyOffset: keys.firstIndex { $0.expression == firstPresent }!,
                conditions: [.isNull(catalog.column(relation.parent, foreignKey))],
                innerRelations: Set(chain.prefix(index).map(\.path))))
        }
        return segments
    }

    /// Which segment a row is in, tested in ascending order: outermost missing relation first.
    /// The numbers are positions in `segments`, the segments in output order.
    private static func segmentExpression(ascending: [Segment], segments: [Segment]) -> SQLExpression {
        let cases = ascending.dropLast().map { segment -> SQLCase in
            let index = segments.firstIndex { $0.conditions == segment.conditions }!
            return SQLCase(segment.conditions.count == 1 ? segment.conditions[0] : .conjunction(segment.conditions), .integer(Int64(index)))
        }
        let last = Int64(segments.firstIndex { $0.conditions == ascending.last!.conditions }!)
        return cases.isEmpty ? .integer(last) : .cases(cases, otherwise: .integer(last))
    }

    /// The NULL and non-NULL segments of the full path: without a cursor they run as one query.
    private static func mergeableRange(of segments: [Segment], nullable: SQLExpression) -> Range<Int> {
        let nullIndex = segments.firstIndex { $0.conditions == [.isNull(nullable)] }!
        let notNullIndex = segments.firstIndex { $0.conditions == [.isNotNull(nullable)] }!
        return min(nullIndex, notNullIndex)..<(max(nullIndex, notNullIndex) + 1)
    }

    /// Whether the rows a sort key reads may be missing (an optional relation on its path).
    static func mayBeMissing(_ sortKey: SQLFragment, catalog: ProviderCatalog) -> Bool {
        sortKey.relations.contains { relation in catalog.chain(to: relation).contains(where: \.isOptional) }
    }

    /// Whether a sort key is one column the schema declares `NOT NULL`.
    private static func declaredNotNull(
        _ sortKey: SQLFragment, catalog: ProviderCatalog, language: Language, isNotNull: (String, String) -> Bool
    ) -> Bool {
        func table(_ relation: String) -> String? { relation.isEmpty ? catalog.rootTable : catalog.relations[relation]?.table }
        switch sortKey.kind {
        case .column(let relation, let name): return table(relation).map { isNotNull($0, name) } ?? false
        case .listName(let relation): return table(relation).map { isNotNull($0, "name_" + language.rawValue) } ?? false
        default: return false
        }
    }
}
