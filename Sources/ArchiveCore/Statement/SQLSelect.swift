/// A planned SELECT, before it is written in a dialect: what it selects, from which tables
/// joined how, the rows it keeps, how they are grouped and ordered, and the slice it returns.
struct SQLSelect: Hashable, Sendable {
    var columns: [SQLExpression]
    var from: SQLFrom
    var filter: SQLExpression?
    var groupBy: [SQLExpression] = []
    var orderBy: [SQLOrderKey] = []
    var limit: SQLExpression?
    var offset: SQLExpression?

    init(
        columns: [SQLExpression], from: SQLFrom, filter: SQLExpression? = nil, groupBy: [SQLExpression] = [],
        orderBy: [SQLOrderKey] = [], limit: SQLExpression? = nil, offset: SQLExpression? = nil
    ) {
        self.columns = columns
        self.from = from
        self.filter = filter
        self.groupBy = groupBy
        self.orderBy = orderBy
        self.limit = limit
        self.offset = offset
    }
}

extension SQLSelect {
    /// `count(*)` of every row of the provider's root table, `columns` times: read from the
    /// count triggers keep (`chat_count`, V009: one row on SQLite, sixteen on PostgreSQL) when
    /// the catalog names one, without reading the rows.
    static func countOfEveryRow(catalog: ProviderCatalog, columns: Int) -> SQLSelect {
        guard let table = catalog.rowCountTable else {
            return SQLSelect(columns: Array(repeating: .function(.count, []), count: columns), from: SQLFrom(SQLTableReference(catalog.rootTable, as: .relation(catalog.aliasName(of: "")))))
        }
        let total = SQLExpression.function(.coalesce, [.function(.sum, [.column(.local("k"), "n")]), .integer(0)])
        return SQLSelect(columns: Array(repeating: total, count: columns), from: SQLFrom(SQLTableReference(table, as: .local("k"))))
    }
}

/// A statement: one SELECT, or ordered SELECTs concatenated (`UNION ALL`), each limited, then
/// sliced as a whole.
enum SQLStatement: Hashable, Sendable {
    case select(SQLSelect)
    case concatenated([SQLSelect], limit: SQLExpression?, offset: SQLExpression?)
}

/// The FROM clause: the first table, then each join in order.
struct SQLFrom: Hashable, Sendable {
    var first: SQLTableReference
    var joins: [SQLJoin]

    init(_ first: SQLTableReference, joins: [SQLJoin] = []) {
        self.first = first
        self.joins = joins
    }
}

/// A table under an alias, optionally pinned to one of its indexes (a hint only SQLite takes).
struct SQLTableReference: Hashable, Sendable {
    let table: String
    let alias: SQLTable
    let index: String?

    init(_ table: String, as alias: SQLTable, index: String? = nil) {
        self.table = table
        self.alias = alias
        self.index = index
    }
}

extension SQLFrom {
    /// The aliases of the tables every row has: the first table and those joined inner.
    var requiredAliases: [SQLTable] { [first.alias] + joins.filter { $0.kind == .ordered }.map(\.table.alias) }

    /// Whether `expression` is the primary key (`id`) of a table every row has: never NULL.
    func isNeverNullKey(_ expression: SQLExpression) -> Bool {
        guard case .column(let table, "id") = expression else { return false }
        return requiredAliases.contains(table)
    }
}

struct SQLJoin: Hashable, Sendable {
    enum Kind: Hashable, Sendable {
        /// An inner join whose tables the engine must loop in the order written (SQLite's
        /// CROSS JOIN); engines without that promise plan it as an inner join.
        case ordered
        case left
    }

    let kind: Kind
    let table: SQLTableReference
    let condition: SQLExpression

    init(_ kind: Kind, _ table: SQLTableReference, on condition: SQLExpression) {
        self.kind = kind
        self.table = table
        self.condition = condition
    }
}

/// One key of an ORDER BY.
struct SQLOrderKey: Hashable, Sendable {
    let expression: SQLExpression
    let descending: Bool
    /// Whether the key is never NULL in the rows ordered (the key of a table joined inner).
    /// PostgreSQL then writes no NULL placement, so the key reads as the indexes declare their
    /// trailing id (ascending, NULLs last), and an index scan delivers the order.
    let nonNull: Bool

    init(_ expression: SQLExpression, descending: Bool = false, nonNull: Bool = false) {
        self.expression = expression
        self.descending = descending
        self.nonNull = nonNull
    }
}
