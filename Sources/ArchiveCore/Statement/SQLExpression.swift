
/// A value expression of a planned statement, before it is written in a dialect.
///
/// The planner builds these from the catalog's identifiers and the client's values (always
/// ``parameter(_:_:)``, never text); a ``StatementRenderer`` writes them for SQLite or
/// PostgreSQL. Where the two engines differ (case-insensitive text, pattern matching, time zones,
/// date parts, index hints) the tree says what is meant and each dialect says how.
indirect enum SQLExpression: Hashable, Sendable {
    /// A column of a table of the statement, by the table's alias.
    case column(SQLTable, String)
    /// A value the client sent (or a cursor carries), bound as a parameter; `type` tells a
    /// dialect with typed parameters what it is.
    case parameter(DatabaseValue, SQLType)
    /// A number the planner writes itself (segment numbers, `0` and `1` of flags).
    case integer(Int64)
    /// A text constant the planner writes itself (the empty text); never a client value.
    case text(String)
    case null
    /// True or false as a condition (a restriction that keeps every row, or none).
    case boolean(Bool)

    /// `left op right`.
    case comparison(SQLExpression, SQLComparison, SQLExpression)
    /// `left op right`, comparing text without regard to ASCII case (SQLite's NOCASE).
    case caseInsensitive(SQLExpression, SQLComparison, SQLExpression)
    /// `expression IN (values)`, comparing text without regard to ASCII case.
    case caseInsensitiveIn(SQLExpression, [SQLExpression])
    /// The text `expression` as it sorts and compares without regard to ASCII case: an order
    /// key or a key compared in a keyset seek.
    case textKey(SQLExpression)
    /// A `LIKE` pattern (`%`, `_`, escaped with `\`), matching ASCII letters in either case.
    case like(SQLExpression, SQLExpression)
    /// A GLOB pattern (`*`, `?`, `[…]` classes), matching case exactly.
    case glob(SQLExpression, SQLExpression)

    /// `(a AND b AND …)`; long lists nest in groups (``StatementRenderer``).
    case and([SQLExpression])
    case or([SQLExpression])
    /// `a AND b` without parentheses (the WHERE of a small subquery).
    case conjunction([SQLExpression])
    case not(SQLExpression)
    case isNull(SQLExpression)
    case isNotNull(SQLExpression)
    case `in`(SQLExpression, [SQLExpression])
    case between(SQLExpression, SQLExpression, SQLExpression)
    case exists(SQLSelect)
    /// `(SELECT …)`: one value.
    case subquery(SQLSelect)
    /// A parameter whose value is known only when a page is asked for (its size and offset).
    case slot(SQLSlot)

    /// A function of the planner's vocabulary.
    case function(SQLFunction, [SQLExpression])
    /// `CASE WHEN … THEN … ELSE … END`.
    case cases([SQLCase], otherwise: SQLExpression?)
    /// `(a, b, …)`: a row value, compared as a whole in keyset seeks.
    case row([SQLExpression])
    /// The expression, kept off indexes (SQLite's unary `+`): the plan then walks the order's index.
    case unindexed(SQLExpression)
    /// A walk's whole restriction, written so that the engine keeps its left joins outer and in
    /// the order written (SQLite: `coalesce(…, 0)`, which no join simplification sees through):
    /// a joined row is then looked up for each walked row, and SQLite builds no Bloom filter of
    /// the whole joined table first.
    case testedPerRow(SQLExpression)

    /// A stored UTC datetime as the wall-clock datetime of a time zone.
    case localTime(SQLExpression, SQLTimeZone)
    /// The calendar date of a datetime (`date(x)`).
    case date(SQLExpression)
    /// A part of a local datetime (year, ISO week, `2020/05`, …).
    case datePart(DatePart, SQLExpression)
    /// The values of a to-many link, in order, joined by a separator into one text.
    case linkedList(SQLLinkedList)
}

/// The values bound per page.
enum SQLSlot: Hashable, Sendable {
    /// The rows the page fetches (one more than it shows, to know whether another follows).
    case pageRows
    /// The rows skipped before the page.
    case pageSkip
    /// The rows a page can reach (its rows plus those skipped): what each concatenated part,
    /// and each outer row of a PostgreSQL walk, may contribute.
    case partRows
}

/// A table of a statement: a relation of the catalog under its quoted alias (`"person"`), or a
/// table aliased inside a subquery (`m`, `g`).
enum SQLTable: Hashable, Sendable {
    case relation(String)
    case local(String)
}

enum SQLComparison: String, Hashable, Sendable {
    case equal = "=", notEqual = "<>", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
}

/// What a parameter holds, for dialects whose parameters are typed.
enum SQLType: Hashable, Sendable {
    /// As the value is: an integer, a real, a text.
    case natural
    /// A UTC datetime written `YYYY-MM-DD HH:MM:SS`.
    case dateTime
    /// A calendar date written `YYYY-MM-DD`.
    case date
}

/// The functions the planner writes.
enum SQLFunction: Hashable, Sendable {
    case coalesce
    /// `count(*)` (no arguments) or `count(x)`.
    case count
    case countDistinct
    case sum, average, minimum, maximum
}

/// One `WHEN condition THEN value`.
struct SQLCase: Hashable, Sendable {
    let condition: SQLExpression
    let value: SQLExpression

    init(_ condition: SQLExpression, _ value: SQLExpression) {
        self.condition = condition
        self.value = value
    }
}

/// A time zone's offsets over a span of instants, for engines without time-zone data: each
/// change of offset, oldest first, the first at the span's start. `identifier` names the zone
/// for engines that have the data.
struct SQLTimeZone: Hashable, Sendable {
    let identifier: String
    let periods: [Period]
    /// Which way the CASE over the periods is written (both give the same values).
    let style: Style

    struct Period: Hashable, Sendable {
        let start: Int64
        let offset: Int64
    }

    enum Style: Hashable, Sendable {
        /// `CASE WHEN x >= <newest change> THEN … ELSE <oldest offset> END`: recent rows, the most
        /// rows, take the first branches.
        case newestFirst
        /// `CASE WHEN x < <oldest change> THEN … ELSE <newest offset> END`.
        case oldestFirst
    }

    init(identifier: String, periods: [Period], style: Style) {
        self.identifier = identifier
        self.periods = periods
        self.style = style
    }
}

/// `(SELECT group_concat(value, separator) FROM (SELECT … FROM table AS alias [JOIN …] WHERE
/// link ORDER BY …))`: the ordered values of a to-many link as one text.
struct SQLLinkedList: Hashable, Sendable {
    /// The link table and its alias.
    let table: String
    let alias: String
    /// A table joined to the link (a list's names), if any.
    let join: Join?
    /// The link rows of the outer row.
    let condition: SQLExpression
    /// The value listed, and the name the inner select gives it.
    let value: SQLExpression
    let valueName: String
    let separator: String
    /// Whether the value is text (a list's names): it is then ordered without regard to ASCII
    /// case, as text columns are.
    let isText: Bool

    struct Join: Hashable, Sendable {
        let table: String
        let alias: String
        let condition: SQLExpression

        init(table: String, alias: String, condition: SQLExpression) {
            self.table = table
            self.alias = alias
            self.condition = condition
        }
    }

    init(
        table: String, alias: String, join: Join? = nil, condition: SQLExpression, value: SQLExpression, valueName: String,
        separator: String, isText: Bool
    ) {
        self.table = table
        self.alias = alias
        self.join = join
        self.condition = condition
        self.value = value
        self.valueName = valueName
        self.separator = separator
        self.isText = isText
    }
}

extension SQLExpression {
    /// A client value of its natural type.
    static func value(_ value: DatabaseValue) -> SQLExpression { .parameter(value, .natural) }

    /// Each value as a parameter.
    static func values(_ values: [DatabaseValue], _ type: SQLType = .natural) -> [SQLExpression] {
        values.map { .parameter($0, type) }
    }

    static func equal(_ left: SQLExpression, _ right: SQLExpression) -> SQLExpression { .comparison(left, .equal, right) }

    /// The alias of the relation whose column this is, when it is one column (as text key or
    /// not): the keys of one table that a row value can seek together.
    var columnTable: String? {
        switch self {
        case .column(.relation(let alias), _): alias
        case .textKey(let inner): inner.columnTable
        default: nil
        }
    }

    /// The expression without its text-key wrapping.
    var unwrappingTextKey: SQLExpression { if case .textKey(let inner) = self { inner } else { self } }

    static let alwaysTrue = SQLExpression.boolean(true)
    static let alwaysFalse = SQLExpression.boolean(false)
}
