/// How a column's stored value is typed.
public enum FieldType: Sendable, Hashable {
    case integer
    case decimal
    case text
    case bool
    /// A date (`YYYY-MM-DD`, or the date part of a stored datetime).
    case date
    case dateTime
    /// Seconds.
    case timeSpan
}

/// Where a column's value comes from.
public enum ColumnValue: Sendable {
    /// A stored or generated field. `zoned` datetimes are shown in the request's time zone;
    /// the others stay UTC.
    case field(SQLFragment, FieldType, zoned: Bool)
    /// A reference to another row (a list item, an associate, a person, a company): the raw value
    /// is its id, the display value its text.
    case reference(id: SQLFragment, text: SQLFragment)
    /// The id of another row, shown as the id (`contactId`: `1`), its name kept for the tooltip.
    /// Ordered and restricted by the id.
    case identifier(id: SQLFragment, name: SQLFragment)
    /// Several list items: comma-separated ids and texts, from correlated subqueries.
    case references(ids: SQLFragment, texts: SQLFragment)
    /// The same value on every row (an icon hint, a record type).
    case constant(raw: String, display: LocalizedText)
    /// A boolean shown as a word (`Active` / `Inactive`).
    case flagText(SQLFragment, whenTrue: LocalizedText, whenFalse: LocalizedText)
    /// A restriction-only pseudo column (`getAllRows`, `getNoRows`).
    case pseudo
}

/// How restrictions on a column are evaluated, when that differs from its value.
public enum FilterTarget: Sendable {
    /// Compare this expression.
    case expression(SQLFragment)
    /// Membership in a link table: `EXISTS (SELECT 1 FROM table WHERE owner = … AND member IN (…))`.
    case membership(table: String, ownerColumn: String, memberColumn: String, owner: SQLFragment)
    /// `getAllRows` (true: every row) or `getNoRows` (true: no row).
    case pseudo(matchesAllWhenTrue: Bool)
    /// Any of the owner's rows in a child table: `EXISTS (SELECT 1 FROM table WHERE owner = … AND
    /// condition on valueColumn)` (a person's e-mail addresses: a restriction matches any of them).
    case anyRow(ChildRows)
}

/// The rows of `table` that belong to `owner`'s row (`ownerColumn` holds its id), of one `kind`
/// when given; `valueColumn` is what a restriction compares.
public struct ChildRows: Sendable {
    let owner: String
    let table: String
    let ownerColumn: String
    let kind: Int64?
    let valueColumn: String
    /// Whether the first row is the first of the lowest kind (phones: direct before mobile).
    let kindFirst: Bool

    init(_ owner: String, _ table: String, ownerColumn: String, kind: Int64? = nil, kindFirst: Bool = false, value: String) {
        self.owner = owner
        self.table = table
        self.ownerColumn = ownerColumn
        self.kind = kind
        self.kindFirst = kindFirst
        self.valueColumn = value
    }
}

/// One column of a provider: its name, documentation, restriction type, whether it can be
/// ordered, and how its value, its restrictions and its order are computed.
public struct ColumnDefinition: Sendable {
    /// The column path clients use (`person/lastName`).
    public let name: String
    /// The column's label for people, such as `Person - Last name` (`DisplayName` in metadata).
    public let displayName: String
    /// A longer description of the column for people, shown as its tooltip (`DisplayTooltip` in metadata).
    public let tooltip: String
    /// nil when the column cannot be restricted (`*None*` in the reference).
    public let restrictionType: RestrictionType?
    /// True when queries may order by the column.
    public let canOrderBy: Bool
    /// False for columns clients only restrict by (`getAllRows`); they are left out of "did you mean"
    /// suggestions and imports.
    public let isVisible: Bool
    let value: ColumnValue
    /// What restrictions compare against; nil when the column cannot be restricted.
    let filter: FilterTarget?
    /// The row's primary key, for `isPK` on `stringorPK` columns.
    let primaryKey: SQLFragment?
    /// What the column orders by; nil orders by nothing (a constant column).
    let sortKey: SQLFragment?
    /// The relation whose row the value belongs to, for tooltip and link hints.
    let hintRelation: String
    /// A calendar date with no time zone (a birth date), not the date of a UTC moment.
    let isCalendarDate: Bool
    /// Whether the sort key is text (sorted without regard to ASCII case).
    let sortsAsText: Bool
    /// Whether the column sorts by its value itself (not by a key of its own, such as a date's).
    let sortsByItsValue: Bool

    /// True for a stored UTC date or datetime that is shown in UTC whatever the request's zone
    /// (registered and updated dates); such values are tagged `Z` when offsets are asked for.
    public var isAlwaysUTC: Bool {
        guard case .field(_, let type, let zoned) = value, type == .date || type == .dateTime else { return false }
        return !zoned && !isCalendarDate
    }

    /// True when queries may restrict by the column (it has a restriction type).
    public var canRestrictBy: Bool { restrictionType != nil }

    init(
        name: String, displayName: String, tooltip: String, restrictionType: RestrictionType?, canOrderBy: Bool,
        isVisible: Bool = true, value: ColumnValue, filter: FilterTarget? = nil, primaryKey: SQLFragment? = nil,
        sortKey: SQLFragment? = nil, hintRelation: String, isCalendarDate: Bool = false
    ) {
        self.name = name
        self.displayName = displayName
        self.tooltip = tooltip
        self.restrictionType = restrictionType
        self.canOrderBy = canOrderBy
        self.isVisible = isVisible
        self.value = value
        self.primaryKey = primaryKey
        self.hintRelation = hintRelation
        self.isCalendarDate = isCalendarDate
        self.sortsByItsValue = sortKey == nil
        // Text fields and references (by their text) sort as text, unless given another key.
        switch value {
        case .field(_, .text, _), .reference: self.sortsAsText = canOrderBy && sortKey == nil
        default: self.sortsAsText = false
        }
        // By default a column is restricted and ordered by its value: the field itself, or the id
        // (restrictions) and the text (order) of a reference.
        switch value {
        case .field(let expression, _, _):
            self.filter = restrictionType == nil ? nil : filter ?? .expression(expression)
            self.sortKey = canOrderBy ? sortKey ?? expression : nil
        case .reference(let id, let text):
            self.filter = restrictionType == nil ? nil : filter ?? .expression(id)
            self.sortKey = canOrderBy ? sortKey ?? text : nil
        case .identifier(let id, _):
            self.filter = restrictionType == nil ? nil : filter ?? .expression(id)
            self.sortKey = canOrderBy ? sortKey ?? id : nil
        case .flagText(let expression, _, _):
            self.filter = restrictionType == nil ? nil : filter ?? .expression(expression)
            self.sortKey = canOrderBy ? sortKey ?? expression : nil
        case .references, .constant, .pseudo:
            self.filter = restrictionType == nil ? nil : filter
            self.sortKey = canOrderBy ? sortKey : nil
        }
    }

    /// The type of the raw value.
    public var fieldType: FieldType {
        switch value {
        case .field(_, let type, _): type
        case .reference, .identifier: .integer
        case .references, .constant: .text
        case .flagText, .pseudo: .bool
        }
    }
}

/// An entity (row type) of a provider.
public struct EntityDefinition: Sendable {
    /// The name clients use in `$entities` and rows carry as their entity name, such as `chat`.
    public let name: String
    /// What the entity's rows are, for people, such as `Chat session`.
    public let description: String
}

/// Everything the planner needs to know about one archive provider, declared rather than coded:
/// its root table, the to-one relations it can join, and its columns.
///
/// Adding a provider (a Person archive, say) means writing another catalog like
/// ``ChatSessionCatalog``; the planner does not change.
public struct ProviderCatalog: Sendable {
    /// The provider's name, such as `ChatSession` (used in messages and in cursor fingerprints).
    public let name: String
    /// The table whose rows are the provider's rows, such as `chat_session`; relations join from it.
    public let rootTable: String
    /// The SQL alias of the root table.
    public let rootAlias: String
    /// The key used in hints for root rows (`chat_session_id`).
    public let rootHintKey: String
    /// The entities (row types) the provider has.
    public let entities: [EntityDefinition]
    /// The names of the entities a request gets when it names none (on the entity endpoints).
    public let defaultEntities: [String]
    /// The relations that columns can read through, by their path (`person.position`).
    public let relations: [String: Relation]
    /// Every column of the provider, in the order metadata lists them.
    public let columns: [ColumnDefinition]
    /// The columns returned when a query selects none.
    public let defaultColumns: [String]
    /// A table whose `n` column sums to the root table's rows, kept by triggers; nil when none.
    public let rowCountTable: String?
    private let columnsByLowercasedName: [String: Int]
    private let columnsByName: [String: Int]
    /// The SQL alias of every relation path ("" is the root), unquoted, computed once.
    private let aliases: [String: String]
    /// The ON condition of every relation, computed once.
    let joinConditions: [String: SQLExpression]
    /// Each relation's depth (1 for a relation of the root).
    let depths: [String: Int]

    /// A catalog of these parts. `relations` must have unique paths, each under another listed relation
    /// or the root, and `columns` names unique without regard to case; the initialiser traps otherwise.
    ///
    /// `rowCountTable` names a table whose `n` column sums to the root table's rows (kept by
    /// triggers): counting every row then reads it. Nil: rows are counted.
    public init(
        name: String, rootTable: String, rootAlias: String, rootHintKey: String, entities: [EntityDefinition],
        defaultEntities: [String], relations: [Relation], columns: [ColumnDefinition], defaultColumns: [String],
        rowCountTable: String? = nil
    ) {
        self.name = name
        self.rootTable = rootTable
        self.rowCountTable = rowCountTable
        self.rootAlias = rootAlias
        self.rootHintKey = rootHintKey
        self.entities = entities
        self.defaultEntities = defaultEntities
        self.relations = Dictionary(uniqueKeysWithValues: relations.map { ($0.path, $0) })
        self.columns = columns
        self.defaultColumns = defaultColumns
        self.columnsByLowercasedName = Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($1.name.lowercased(), $0) })
        self.columnsByName = Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($1.name, $0) })
        var aliases = ["": rootAlias]
        for relation in relations { aliases[relation.path] = relation.path.split(separator: ".").joined(separator: "_") }
        self.aliases = aliases
        self.depths = Dictionary(uniqueKeysWithValues: relations.map { ($0.path, $0.path.split(separator: ".").count) })
        self.joinConditions = Dictionary(uniqueKeysWithValues: relations.map { relation in
            let joined = SQLExpression.column(.relation(aliases[relation.path]!), "id")
            let parent = SQLTable.relation(aliases[relation.parent]!)
            switch relation.join {
            case .parentColumn(let column):
                return (relation.path, .equal(joined, .column(parent, column)))
            case .sharedKey(let column):
                return (relation.path, .equal(.column(.relation(aliases[relation.path]!), column), .column(parent, "id")))
            case .childColumn(let column):
                // At most one joined row, even if several point at the parent.
                let first = SQLSelect(
                    columns: [.function(.minimum, [.column(.local("x"), "id")])],
                    from: SQLFrom(SQLTableReference(relation.table, as: .local("x"))),
                    filter: .equal(.column(.local("x"), column), .column(parent, "id")))
                return (relation.path, .equal(joined, .subquery(first)))
            }
        })
    }

    /// The column with this name: case-insensitive, `___` accepted for `/`.
    public func column(named name: String) -> ColumnDefinition? {
        if let index = columnsByName[name] { return columns[index] }
        var key = name.lowercased()
        if key.contains("___") { key = key.replacing("___", with: "/") }
        return columnsByLowercasedName[key].map { columns[$0] }
    }

    /// Up to three names of visible columns close to `name` (same last path segment first, then
    /// by edit distance), for "did you mean" messages.
    public func closestColumnNames(to name: String) -> [String] {
        ColumnResolver(catalog: self).closestNames(to: name)
    }

    /// The SQL alias of a relation path (`""` is the root), unquoted.
    func aliasName(of path: String) -> String {
        aliases[path] ?? path.split(separator: ".").joined(separator: "_")
    }

    /// A column of a relation, as a statement reads it.
    func column(_ relation: String, _ name: String) -> SQLExpression { .column(.relation(aliasName(of: relation)), name) }

    /// The relations from the root down to `path`, outermost first.
    func chain(to path: String) -> [Relation] {
        var chain: [Relation] = []
        var current = path
        while !current.isEmpty, let relation = relations[current] {
            chain.insert(relation, at: 0)
            current = relation.parent
        }
        return chain
    }
}

/// Where a column's value is stored, for code that writes rows rather than reads them (the
/// importer): a field of a relation, or the id a relation keeps for a related row.
public enum ColumnStorage: Sendable, Equatable {
    /// How a related row is named in a column's values.
    public enum RowName: Sendable, Equatable {
        /// A list item, by its name in any language (`name_en`, `name_no`, …).
        case listItem
        /// A row, by a column that names it (an associate's short name).
        case column(String)
        /// An item of the shared `list_item` table's list of this number, by its name.
        case sharedListItem(Int64)
    }

    /// `column` of the row of `relation` (`""` is the root).
    case field(relation: String, column: String, type: FieldType, isCalendarDate: Bool)
    /// The id in `column` of `owner`'s row, naming a row of `table` by `name`.
    case reference(owner: String, column: String, table: String, name: RowName)
    /// The id in `column` of `owner`'s row, given as the id itself.
    case identifier(owner: String, column: String)
    /// `column` of the first row by rank of `table` (of one `kind`, when given) that belongs to
    /// `owner`'s row through `ownerColumn` (a person's first e-mail address).
    case ranked(owner: String, table: String, ownerColumn: String, kind: Int64?, column: String, type: FieldType)
    /// The ids in `memberColumn` of the rows of link `table` that belong to `owner`'s row
    /// through `ownerColumn` (a person's interests), named by items of the list table `list`.
    case members(owner: String, table: String, ownerColumn: String, memberColumn: String, list: String?)
}

extension ColumnDefinition {
    /// Where the column is stored; nil for a computed column (a constant, a list of several
    /// rows, a flag written as a word, a pseudo column).
    public func storage(in catalog: ProviderCatalog) -> ColumnStorage? {
        func single(_ fragment: SQLFragment) -> (String, String)? { fragment.singleColumn.map { ($0.relation, $0.name) } }
        switch value {
        case .field(let fragment, let type, _):
            // The first of a kind, or of all kinds (`phone/formattedNumber`, `searchPhone`), is one row.
            if case .firstRanked(let ranked) = fragment.kind, !ranked.kindFirst {
                return .ranked(owner: ranked.owner, table: ranked.table, ownerColumn: ranked.ownerColumn, kind: ranked.kind, column: ranked.value, type: type)
            }
            return single(fragment).map { .field(relation: $0.0, column: $0.1, type: type, isCalendarDate: isCalendarDate) }
        case .reference(let id, let text):
            guard let (owner, column) = single(id) else { return nil }
            switch text.kind {
            case .listName(let target):
                return catalog.relations[target].map { .reference(owner: owner, column: column, table: $0.table, name: .listItem) }
            case .column(let target, let name):
                return catalog.relations[target].map { .reference(owner: owner, column: column, table: $0.table, name: .column(name)) }
            case .lookup(let lookup):
                // A row of a table of its own (a category, an associate), named as a joined one
                // is; an item of the shared list table by its list.
                let name: ColumnStorage.RowName = switch (lookup.value, lookup.listID) {
                case (.listName, let list?): .sharedListItem(list)
                case (.listName, nil): .listItem
                case (.column(let named), _): .column(named)
                }
                return .reference(owner: owner, column: column, table: lookup.table, name: name)
            default:
                return nil
            }
        case .identifier(let id, _):
            return single(id).map { .identifier(owner: $0.0, column: $0.1) }
        case .references(let ids, let texts):
            guard case .linkedIDs(let link) = ids.kind else { return nil }
            let list: String? = if case .linkedNames(_, let list) = texts.kind { list } else { nil }
            return .members(owner: link.owner, table: link.table, ownerColumn: link.ownerColumn, memberColumn: link.memberColumn, list: list)
        case .constant, .flagText, .pseudo:
            return nil
        }
    }
}
