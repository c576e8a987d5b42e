import Foundation

/// The key of a prepared query in a provider's cache: everything the prepared SQL and its
/// arguments depend on.
///
/// That is the query except its page position (`$skip`, the cursor), the database (its statistics
/// steer the plan), the language (list names), the time zone (date literals), the local day
/// when a relative period (`today`, `lastWeek`, …) is used, and the caller for `currentAssociate`.
struct PlanCacheKey: Hashable {
    /// The database's cache identity (its statistics steer the plan; its dialect writes it).
    let database: String
    let language: Language
    let zone: String
    /// The query with its page position (skip, cursor) cleared.
    let query: ArchiveQuery
    /// The local day, when a restriction is relative to today.
    let day: Int64?
    /// The caller (who may be nobody), when a restriction names the current associate.
    let currentAssociate: Int64??
    /// Whether the order is read backward (a previous page).
    let reversed: Bool

    /// The key of a query on the database named `database` (``ArchiveDatabase/cacheIdentity``).
    static func make(_ query: ArchiveQuery, context: QueryContext, clock: ZonedClock, database: String) -> PlanCacheKey {
        var shape = query
        shape.page = Page(top: query.page.top)
        // Where a condition was written (its position in `$filter`) does not change the plan.
        shape.restriction = query.restriction?.withoutPositions
        // Hashing a struct costs no string building; spellings that differ only in case plan
        // alike but are kept apart, which costs a second plan, never a wrong one.
        return PlanCacheKey(
            database: database, language: context.language, zone: context.timeZone.identifier, query: shape,
            day: query.restriction?.usesRelativeDates == true ? clock.localDay(ofUTC: context.now) : nil,
            currentAssociate: query.restriction?.usesCurrentAssociate == true ? .some(context.currentAssociateID) : nil,
            reversed: query.page.cursor.map(KeysetCursor.isBackward) ?? false)
    }
}

extension Restriction {
    /// The same restriction with no condition positions.
    var withoutPositions: Restriction {
        switch self {
        case .condition(var condition):
            condition.position = nil
            condition.partPositions = nil
            return .condition(condition)
        case .and(let parts): return .and(parts.map(\.withoutPositions))
        case .or(let parts): return .or(parts.map(\.withoutPositions))
        }
    }

    /// Whether a condition depends on the current date (`today`, `thisWeek`, `previous(…)`, …).
    var usesRelativeDates: Bool { contains { Operator(name: $0.operator).map(Operator.isRelativeToToday) ?? false } }

    /// Whether a condition depends on who is asking.
    var usesCurrentAssociate: Bool { contains { Operator(name: $0.operator) == .currentAssociate } }

    private func contains(where test: (Condition) -> Bool) -> Bool {
        switch self {
        case .condition(let condition): test(condition)
        case .and(let parts), .or(let parts): parts.contains { $0.contains(where: test) }
        }
    }
}

extension Operator {
    static func isRelativeToToday(_ op: Operator) -> Bool {
        switch op {
        case .beforeToday, .today, .afterToday, .lastWeek, .thisWeek, .nextWeek, .lastMonth, .thisMonth, .nextMonth, .lastQuarter,
            .thisQuarter, .nextQuarter, .thisHalf, .thisYear, .thisPeriod, .nextPeriod, .previousPeriod, .thisAndNext,
            .thisAndPrevious, .thisPreviousAndNext:
            true
        default: false
        }
    }
}
