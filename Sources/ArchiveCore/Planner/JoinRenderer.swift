/// Writes the FROM clause: the root table and the joins the query needs, parents first.
struct JoinRenderer {
    let catalog: ProviderCatalog

    /// The relations and every relation they hang from.
    func closure(of relations: Set<String>) -> Set<String> {
        var result: Set<String> = []
        for path in relations where !path.isEmpty {
            for relation in catalog.chain(to: path) { result.insert(relation.path) }
        }
        return result
    }

    /// `FROM root AS "chat" LEFT JOIN person AS "person" ON …`, joining `inner` relations with
    /// INNER JOIN, required relations under inner-joined parents with INNER JOIN, and every other
    /// relation with LEFT JOIN.
    func from(_ relations: Set<String>, inner: Set<String>) -> String {
        var sql = "FROM \(SQLIdentifier.quote(catalog.rootTable)) AS \(catalog.alias(of: ""))"
        let needed = closure(of: relations.union(inner))
        var innerJoined: Set<String> = [""]
        for path in needed.sorted(by: { ($0.split(separator: ".").count, $0) < ($1.split(separator: ".").count, $1) }) {
            guard let relation = catalog.relations[path] else { continue }
            let isInner = inner.contains(path) || (!relation.isOptional && innerJoined.contains(relation.parent))
            if isInner { innerJoined.insert(path) }
            let alias = catalog.alias(of: path), parent = catalog.alias(of: relation.parent)
            let table = SQLIdentifier.quote(relation.table)
            sql += isInner ? " JOIN " : " LEFT JOIN "
            switch relation.join {
            case .parentColumn(let column):
                sql += "\(table) AS \(alias) ON \(alias).\"id\" = \(parent).\(SQLIdentifier.quote(column))"
            case .childColumn(let column):
                // At most one joined row, even if several point at the parent.
                sql += "\(table) AS \(alias) ON \(alias).\"id\" = (SELECT min(x.\"id\") FROM \(table) AS x WHERE x.\(SQLIdentifier.quote(column)) = \(parent).\"id\")"
            }
        }
        return sql
    }
}
