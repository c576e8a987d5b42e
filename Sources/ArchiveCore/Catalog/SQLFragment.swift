/// A value the catalog declares, in terms of its relations: a column, a list item's name, the
/// local date of a datetime, or the rows of a to-many link. The planner turns fragments into
/// ``SQLExpression``s once it knows the request's language and time zone; a renderer then writes
/// them for the database's dialect.
///
/// Fragments are only ever built from the catalog's own names; nothing a client sends becomes
/// part of one (client values are bound parameters).
public struct SQLFragment: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        /// A column of a relation (`""` is the root).
        case column(relation: String, name: String)
        /// The name column of a list relation in the request's language (`name_sv`).
        case listName(relation: String)
        /// The calendar date, in the request's time zone, of a stored UTC datetime column. In UTC
        /// it is the column `utcDate` (a generated date column the schema indexes); in another
        /// zone, an expression.
        case localDate(relation: String, name: String, utcDate: String)
        /// The member ids of a to-many link, in order, comma-separated.
        case linkedIDs(Link)
        /// The names of a to-many link's members (items of the list `table`), in order.
        case linkedNames(Link, list: String)
        /// A value of the row another table holds under an id, read by a subquery rather than a
        /// join (a statement of SQLite joins at most 64 tables).
        case lookup(Lookup)
        /// A value of a child table's first row by rank (a person's first e-mail address).
        case firstRanked(Ranked)
    }

    /// The row of `table` whose `id` is `idColumn` of `owner`'s row (and, for the shared
    /// `list_item` table, whose `list_id` is `listID`): its `value`.
    struct Lookup: Sendable, Hashable {
        let owner: String
        let idColumn: String
        let table: String
        let value: LookupValue
        let listID: Int64?
    }

    /// What a lookup reads: a column, or a list item's name in the request's language.
    enum LookupValue: Sendable, Hashable {
        case column(String)
        case listName
    }

    /// The rows of `table` whose `ownerColumn` is the id of `owner`'s row (and whose `kind` is
    /// `kind`, when given), ordered by `rank` then `id`: the first one's `value`.
    struct Ranked: Sendable, Hashable {
        let owner: String
        let table: String
        let ownerColumn: String
        let kind: Int64?
        let value: String
        /// Ordered by `kind` before `rank` (the first phone of the first kind).
        let kindFirst: Bool
    }

    /// A link table: rows of `table` whose `ownerColumn` is the id of `owner`'s row, each naming
    /// a member in `memberColumn`.
    struct Link: Sendable, Hashable {
        let table: String
        let owner: String
        let ownerColumn: String
        let memberColumn: String
    }

    let kind: Kind

    /// A column of a relation (`""` is the provider's root table).
    public static func column(_ relation: String, _ name: String) -> SQLFragment { SQLFragment(kind: .column(relation: relation, name: name)) }

    /// The name of a list item, in the request's language.
    public static func listName(_ relation: String) -> SQLFragment { SQLFragment(kind: .listName(relation: relation)) }

    /// The local date of a stored UTC datetime (see ``Kind/localDate(relation:name:utcDate:)``).
    public static func localDate(_ relation: String, _ name: String, utcDate: String) -> SQLFragment {
        SQLFragment(kind: .localDate(relation: relation, name: name, utcDate: utcDate))
    }

    /// The ids in `memberColumn` of the rows of `table` that belong to `owner`'s row.
    public static func linkedIDs(table: String, owner: String, ownerColumn: String, memberColumn: String) -> SQLFragment {
        SQLFragment(kind: .linkedIDs(Link(table: table, owner: owner, ownerColumn: ownerColumn, memberColumn: memberColumn)))
    }

    /// The names (items of the list `list`) of the members of `owner`'s row in `table`.
    public static func linkedNames(table: String, owner: String, ownerColumn: String, memberColumn: String, list: String) -> SQLFragment {
        SQLFragment(kind: .linkedNames(Link(table: table, owner: owner, ownerColumn: ownerColumn, memberColumn: memberColumn), list: list))
    }

    /// A value of the row of `table` that `idColumn` of `owner` names (a list item's name, or
    /// the `column` given), read without joining the table.
    public static func lookup(_ owner: String, _ idColumn: String, table: String, column: String? = nil, list: Int64? = nil) -> SQLFragment {
        SQLFragment(kind: .lookup(Lookup(owner: owner, idColumn: idColumn, table: table, value: column.map { .column($0) } ?? .listName, listID: list)))
    }

    /// `value` of the first row by rank of `table` that belongs to `owner`'s row.
    public static func firstRanked(_ owner: String, table: String, ownerColumn: String, kind: Int64? = nil, kindFirst: Bool = false, value: String) -> SQLFragment {
        SQLFragment(kind: .firstRanked(Ranked(owner: owner, table: table, ownerColumn: ownerColumn, kind: kind, value: value, kindFirst: kindFirst)))
    }

    /// The relations the fragment reads from.
    public var relations: Set<String> {
        switch kind {
        case .column(let relation, _), .listName(let relation), .localDate(let relation, _, _): [relation]
        case .linkedIDs(let link), .linkedNames(let link, _): [link.owner]
        case .lookup(let lookup): [lookup.owner]
        case .firstRanked(let ranked): [ranked.owner]
        }
    }

    /// The relation and column, when the fragment is one stored column.
    var singleColumn: (relation: String, name: String)? {
        if case .column(let relation, let name) = kind { (relation, name) } else { nil }
    }

    /// The fragment as an expression of a statement: relations by their aliases, list names in
    /// `language`, local dates in `localTime`'s zone (nil: their UTC date).
    func expression(in catalog: ProviderCatalog, language: Language, localTime: LocalTimeSQL? = nil) -> SQLExpression {
        func column(_ relation: String, _ name: String) -> SQLExpression { .column(.relation(catalog.aliasName(of: relation)), name) }
        let nameColumn = "name_" + language.rawValue
        switch kind {
        case .column(let relation, let name):
            return column(relation, name)
        case .listName(let relation):
            return column(relation, nameColumn)
        case .localDate(let relation, let name, let utcDate):
            guard let localTime else { return .date(column(relation, name)) }
            // The indexed date column in UTC; the date of the local datetime elsewhere.
            return localTime.isUTC ? column(relation, utcDate) : .date(localTime.local(column(relation, name)))
        case .linkedIDs(let link):
            return .linkedList(SQLLinkedList(
                table: link.table, alias: "o", condition: .equal(.column(.local("o"), link.ownerColumn), column(link.owner, "id")),
                value: .column(.local("o"), link.memberColumn), valueName: link.memberColumn, separator: ",", isText: false))
        case .linkedNames(let link, let list):
            return .linkedList(SQLLinkedList(
                table: link.table, alias: "o",
                join: SQLLinkedList.Join(table: list, alias: "g", condition: .equal(.column(.local("g"), "id"), .column(.local("o"), link.memberColumn))),
                condition: .equal(.column(.local("o"), link.ownerColumn), column(link.owner, "id")),
                value: .column(.local("g"), nameColumn), valueName: "name", separator: ", ", isText: true))
        case .lookup(let lookup):
            let value: SQLExpression = switch lookup.value {
            case .column(let name): .column(.local("l"), name)
            case .listName: .column(.local("l"), nameColumn)
            }
            var conditions: [SQLExpression] = [.equal(.column(.local("l"), "id"), column(lookup.owner, lookup.idColumn))]
            if let list = lookup.listID { conditions.append(.equal(.column(.local("l"), "list_id"), .integer(list))) }
            return .subquery(SQLSelect(columns: [value], from: SQLFrom(SQLTableReference(lookup.table, as: .local("l"))), filter: .conjunction(conditions)))
        case .firstRanked(let ranked):
            var conditions: [SQLExpression] = [.equal(.column(.local("r"), ranked.ownerColumn), column(ranked.owner, "id"))]
            if let kind = ranked.kind { conditions.append(.equal(.column(.local("r"), "kind"), .integer(kind))) }
            return .subquery(SQLSelect(
                columns: [.column(.local("r"), ranked.value)], from: SQLFrom(SQLTableReference(ranked.table, as: .local("r"))),
                filter: .conjunction(conditions),
                orderBy: (ranked.kindFirst ? ["kind", "rank", "id"] : ["rank", "id"]).map { SQLOrderKey(.column(.local("r"), $0), descending: false, nonNull: true) },
                limit: .integer(1)))
        }
    }
}

/// Quoting of identifiers that come from the catalog.
enum SQLIdentifier {
    /// `name` in double quotes, with embedded quotes doubled.
    static func quote(_ name: String) -> String {
        guard name.utf8.contains(UInt8(ascii: "\"")) else { return "\"" + name + "\"" }
        return "\"" + name.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }
}
