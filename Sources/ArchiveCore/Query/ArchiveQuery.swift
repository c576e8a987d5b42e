/// A request to an archive provider: which columns, which rows, in which order, which page.
///
/// ```swift
/// var query = ArchiveQuery(select: ["chatSessionId", "person/lastName", "chatTopic/name"])
/// query.restriction = .condition(Condition("person/lastName", "begins", [.string("Ber")]))
/// query.orderBy = [OrderItem("whenRequested", .descending)]
/// query.page = Page(top: 50)
/// ```
public struct ArchiveQuery: Sendable, Hashable {
    /// The columns to return; empty means the provider's default columns.
    public var select: [ColumnSpec]
    /// Which rows; nil means all rows.
    public var restriction: Restriction?
    /// The order; the provider always adds its primary key as the last tie-breaker.
    public var orderBy: [OrderItem]
    /// Which row types (entities); empty means the provider's default.
    public var entities: [String]
    /// Which slice of the ordered rows.
    public var page: Page
    /// Extras: the total count and the grand-total row.
    public var options: QueryOptions

    /// A query; by default the default columns of every row, in primary-key order, all on one page.
    public init(
        select: [ColumnSpec] = [],
        restriction: Restriction? = nil,
        orderBy: [OrderItem] = [],
        entities: [String] = [],
        page: Page = Page(),
        options: QueryOptions = QueryOptions()
    ) {
        self.select = select
        self.restriction = restriction
        self.orderBy = orderBy
        self.entities = entities
        self.page = page
        self.options = options
    }
}

/// One column of the order.
public struct OrderItem: Sendable, Hashable {
    /// The column's name as clients write it, such as `person/lastName`.
    public var column: String
    /// Whether the column's values go up or down.
    public var direction: SortDirection

    /// Orders by `column`, ascending unless told otherwise.
    public init(_ column: String, _ direction: SortDirection = .ascending) {
        self.column = column
        self.direction = direction
    }
}

/// Which way an order column sorts; the raw value is its spelling in `$orderBy` (`asc`, `desc`).
public enum SortDirection: String, Sendable, Hashable {
    case ascending = "asc"
    case descending = "desc"
}

/// Which rows of the ordered result to return: `top` rows after skipping `skip`, or `top` rows
/// after the row a keyset cursor points at.
public struct Page: Sendable, Hashable {
    /// The most rows to return; nil means all.
    public var top: Int?
    /// Rows to skip before the first row returned.
    public var skip: Int
    /// An opaque keyset cursor from an earlier page (``ArchivePage/nextCursor``); rows start after it.
    public var cursor: String?

    /// A page of `top` rows (nil: all), after skipping `skip` rows or after the row `cursor` points at.
    public init(top: Int? = nil, skip: Int = 0, cursor: String? = nil) {
        self.top = top
        self.skip = skip
        self.cursor = cursor
    }
}

/// Extras a query can ask for.
public struct QueryOptions: Sendable, Hashable {
    /// Count every matching row (before paging).
    public var inlineCount: Bool
    /// Add a grand-total row for the aggregate columns.
    public var grandTotal: Bool

    /// Options with the count and the grand total each asked for or not (neither by default).
    public init(inlineCount: Bool = false, grandTotal: Bool = false) {
        self.inlineCount = inlineCount
        self.grandTotal = grandTotal
    }
}
