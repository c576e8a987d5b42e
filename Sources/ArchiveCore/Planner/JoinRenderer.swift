/// Builds the FROM clause: the root table and the joins the query needs, parents first.
struct JoinRenderer {
    let catalog: ProviderCatalog
    /// The index that walks a table by a column, when the database has one.
    var index: (_ table: String, _ column: String) -> String? = { _, _ in nil }

    /// The relations and every relation they hang from.
    func closure(of relations: Set<String>) -> Set<String> {
        var result: Set<String> = []
        for path in relations where !path.isEmpty {
            for relation in catalog.chain(to: path) { result.insert(relation.path) }
        }
        return result
    }

    /// The FROM clause. When `walking` a path (outermost relation first), the statement starts at
    /// the innermost table of the path and nests outward with ordered joins (SQLite's CROSS JOIN,
    /// which it never reorders): the loops then read each table in the order's index order, so
    /// the page comes out sorted. Every other relation is a LEFT JOIN — for a required relation
    /// that gives the same rows as an INNER JOIN, and it keeps SQLite from starting the join at
    /// that table instead.
    ///
    /// - Parameter sortColumn: The column of the path's innermost table that the order sorts by.
    ///   Each table of a walked path is pinned (INDEXED BY) to the index that reads it in order:
    ///   the innermost by the sort column, the others by the key that joins them to it. SQLite's
    ///   estimates can otherwise prefer an index that looks cheaper on a tiny table and sort.
    ///
    /// - Parameter first: relations whose joins come before the others (a walk's restriction's:
    ///   SQLite then tests it before looking up the rest of the row).
    func from(_ relations: Set<String>, walking path: [Relation], sortColumn: String? = nil, first: Set<String> = []) -> SQLFrom {
        func table(_ name: String, _ relation: String, pinnedBy column: String? = nil) -> SQLTableReference {
            SQLTableReference(name, as: .relation(catalog.aliasName(of: relation)), index: column.flatMap { index(name, $0) })
        }
        func foreignKey(_ relation: Relation) -> String? {
            if case .parentColumn(let column) = relation.join { column } else { nil }
        }
        var from: SQLFrom
        if path.isEmpty {
            from = SQLFrom(table(catalog.rootTable, ""))
        } else {
            let innermost = path[path.count - 1]
            from = SQLFrom(table(innermost.table, innermost.path, pinnedBy: sortColumn))
            for offset in 1..<path.count {
                let relation = path[path.count - 1 - offset]
                let child = path[path.count - offset]
                from.joins.append(SQLJoin(.ordered, table(relation.table, relation.path, pinnedBy: foreignKey(child)), on: joinCondition(of: child)))
            }
            from.joins.append(SQLJoin(.ordered, table(catalog.rootTable, "", pinnedBy: foreignKey(path[0])), on: joinCondition(of: path[0])))
        }
        let walked = Set(path.map(\.path))
        let needed = closure(of: relations).subtracting(walked)
        let depths = catalog.depths
        // A relation's parents are in the closure too, and less deep: they still come before it.
        let early = closure(of: first)
        func rank(_ path: String) -> (Int, Int, String) { (early.contains(path) ? 0 : 1, depths[path] ?? 0, path) }
        for path in needed.sorted(by: { rank($0) < rank($1) }) {
            guard let relation = catalog.relations[path] else { continue }
            from.joins.append(SQLJoin(.left, table(relation.table, path), on: joinCondition(of: relation)))
        }
        return from
    }

    /// How a relation's row is found from its parent's.
    private func joinCondition(of relation: Relation) -> SQLExpression { catalog.joinConditions[relation.path]! }
}
