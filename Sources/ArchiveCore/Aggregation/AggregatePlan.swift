/// A query with aggregate columns, planned: what each column is, and the SQL that computes
/// the groups' final values, the grand total and (unless hidden) the detail rows.
///
/// Aggregation follows the reference's row stream: rows are ordered by the group keys (level 1
/// outermost), a group emits its header row, its nested groups or detail rows, then its footer
/// row; detail rows carry running values of the visible aggregates, reset per group; header and
/// footer rows carry the group's final values, computed by SQLite with GROUP BY; the grand total
/// comes last. A GroupBy with HideDetail keeps the detail rows out of the stream, so such a query
/// never reads them at all.
struct AggregatePlan {
    struct Argument {
        let column: ColumnDefinition
        /// The value aggregated or grouped on: the field, the id of a reference, a date part.
        let value: SQLExpression
        /// The text of a reference (group rows show it).
        let display: SQLExpression?
        let kind: ValueKind
    }

    enum Item {
        case plain(CellSource, ValueKind)
        case group(level: Int, argument: Argument, header: Bool, footer: Bool, hidden: Bool, valueIndex: Int, displayIndex: Int?)
        case aggregate(function: AggregateFunction, argument: Argument, hidden: Bool, valueIndex: Int, expression: SQLExpression, kind: ValueKind, averaged: AveragedValues)
        case scalar(argument: Argument, valueIndex: Int)
    }

    /// Which values `Avg` takes.
    enum AveragedValues {
        case all
        /// `:OnlyPositive`: zero and negative values are left out.
        case positive
        /// `:NoNegative`: negative values are left out.
        case nonNegative
    }

    let columns: [ResultColumn]
    let items: [Item]
    /// The group levels, outermost first.
    let levels: [Int]
    /// Per level: the statement computing each group's key values and final aggregates, ordered.
    let groupStatements: [Int: RenderedStatement]
    let grandTotal: RenderedStatement?
    /// The detail rows, ordered by group keys then the query's order; nil when hidden.
    let details: RenderedStatement?
    /// The count of matching rows (`$inlineCount`), when asked.
    let count: RenderedStatement?
    let primaryKeyIndex: Int
    /// The aggregate items, in the order their finals appear in group and grand-total statements.
    let aggregateOrder: [Int]
    let skip: Int
    let top: Int?
    /// Whether the query asked for the grand-total row.
    let wantsGrandTotal: Bool
    let fingerprint: String
}

extension AggregatePlan.Item {
    var level: Int? { if case .group(let level, _, _, _, _, _, _) = self { level } else { nil } }
}
