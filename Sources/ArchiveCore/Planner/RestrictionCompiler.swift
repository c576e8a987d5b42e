import Foundation

/// Turns a restriction tree into an SQL predicate with bound values, checking every column,
/// operator and value against the catalog.
///
/// The semantics are those of the decisions page: string matching ignores case and treats `%` and
/// `_` as themselves; a row with no value never matches a positive operator and always matches a
/// negative one; a boolean with no value counts as false; dates compare whole days in the
/// request's time zone (or UTC for columns kept in UTC).
struct RestrictionCompiler {
    let catalog: ProviderCatalog
    let context: QueryContext
    let requestClock: ZonedClock
    let utcClock: ZonedClock
    /// The relations the predicate reads from.
    private(set) var relations: Set<String> = []
    /// Relations whose row must exist for the predicate to hold (it is false when they are
    /// missing): the planner skips the segments where they are missing.
    private(set) var requiredRelations: Set<String> = []
    /// The estimated fraction of rows the predicate keeps.
    private(set) var selectivity: Double = 1
    let statistics: DatabaseStatistics
    /// When set, only these column expressions may be matched through an index; the others are
    /// kept off the indexes (SQLite's `+column`), so that the plan walks the order's index instead.
    let indexable: Set<SQLExpression>?

    init(
        catalog: ProviderCatalog, context: QueryContext, requestClock: ZonedClock,
        statistics: DatabaseStatistics = .empty, indexable: Set<SQLExpression>? = nil
    ) {
        self.catalog = catalog
        self.context = context
        self.requestClock = requestClock
        self.utcClock = .utc
        self.statistics = statistics
        self.indexable = indexable
    }

    mutating func compile(_ restriction: Restriction) throws -> SQLExpression {
        let compiled = try compileTree(restriction)
        requiredRelations = compiled.required
        selectivity = compiled.selectivity
        return compiled.sql
    }

    private struct Compiled {
        let sql: SQLExpression
        /// Relations whose absence makes the predicate false.
        let required: Set<String>
        let selectivity: Double
    }

    private mutating func compileTree(_ restriction: Restriction) throws -> Compiled {
        switch restriction {
        case .condition(let condition):
            do {
                return try compile(condition)
            } catch var error as ArchiveError {
                if error.position == nil { error.position = condition.position }
                throw error
            }
        case .and(let parts):
            let compiled = try parts.map { try compileTree($0) }
            return Compiled(
                sql: .and(compiled.map(\.sql)),
                required: compiled.reduce(into: Set<String>()) { $0.formUnion($1.required) },
                selectivity: compiled.reduce(1) { $0 * $1.selectivity })
        case .or(let parts):
            let compiled = try parts.map { try compileTree($0) }
            return Compiled(
                sql: .or(compiled.map(\.sql)),
                required: compiled.dropFirst().reduce(compiled.first?.required ?? []) { $0.intersection($1.required) },
                selectivity: min(1, compiled.reduce(0) { $0 + $1.selectivity }))
        }
    }

    private mutating func expression(_ fragment: SQLFragment) -> SQLExpression {
        relations.formUnion(fragment.relations)
        return fragment.expression(in: catalog, language: context.language)
    }

    private mutating func compile(_ condition: Condition) throws -> Compiled {
        let column = try ColumnResolver(catalog: catalog).column(condition.column)
        for (index, value) in condition.values.enumerated() where value.text.containsNUL {
            throw ArchiveError(
                .invalidValue, "a value for \(column.name) holds the NUL character (U+0000), which no text of the archive holds; leave it out",
                position: condition.position(ofValueAt: index) ?? condition.position)
        }
        guard let type = column.restrictionType, let target = column.filter else {
            throw ArchiveError(.columnNotRestrictable, "\(column.name) cannot be used in a restriction; it can only be selected\(column.canOrderBy ? " and ordered by" : "")")
        }
        let operatorPosition = condition.partPositions?.operator
        guard let op = Operator(name: condition.operator) else {
            let closest = Operator.closest(to: condition.operator, among: type.operators)
            let guess = closest.isEmpty ? "" : " (did you mean \(closest.map { "'\($0)'" }.joined(separator: " or "))?)"
            throw ArchiveError(
                .unknownOperator,
                "'\(condition.operator)' is not an operator\(guess); \(column.name) (\(type.rawValue)) takes \(Operator.spellings(of: type.operators).joined(separator: ", "))",
                position: operatorPosition, suggestions: closest + type.operators.map(\.rawValue).sorted().filter { !closest.contains($0) })
        }
        guard type.operators.contains(op) else {
            throw ArchiveError(
                .operatorNotAllowed,
                "\(column.name) is a \(type.rawValue) column and does not take '\(condition.operator)'; it takes \(Operator.spellings(of: type.operators).joined(separator: ", "))",
                position: operatorPosition, suggestions: type.operators.map(\.rawValue).sorted())
        }
        guard op.valueCount.contains(condition.values.count) else {
            throw ArchiveError(
                .wrongValueCount,
                "\(column.name) \(condition.operator) takes \(op.valueHint), but \(condition.values.count) \(condition.values.count == 1 ? "was" : "were") given",
                position: operatorPosition)
        }
        let values = ValueParser(column: column.name, operatorName: condition.operator, condition: condition)
        let sql = try predicate(column, type: type, target: target, op: op, condition: condition, values: values)
        return Compiled(
            sql: sql,
            required: try holdsOnlyWithAValue(type: type, op: op, condition: condition, values: values) ? targetRelations(target) : [],
            selectivity: estimate(op, target: target, valueCount: condition.values.count, first: condition.values.first?.text ?? ""))
    }

    /// The fraction of rows a condition keeps: from the statistics for equality on an indexed
    /// column, otherwise the usual planner guesses (a quarter for a one-sided range, …).
    private func estimate(_ op: Operator, target: FilterTarget, valueCount: Int, first: String) -> Double {
        switch op {
        case .equals, .is, .oneOf, .isPK, .associateIsOneOf, .currentAssociate, .dateTime:
            if case .expression(let fragment) = target, let (table, column) = singleColumn(fragment),
                let perValue = statistics.fractionPerValue(table: table, column: column)
            {
                return min(1, perValue * Double(max(1, valueCount)))
            }
            return 0.05 * Double(max(1, valueCount))
        case .unequals, .notOneOf, .isNot, .notBegins, .notContains, .notEnds, .associateIsNotOneOf, .isNotNull: return 0.9
        case .begins:
            // Each letter of the prefix keeps about a quarter of the rows the shorter one kept
            // (names are far from uniform over 26 letters): `B` 5 %, `Be` 1.25 %, `Ber` 0.3 %.
            return max(0.0001, 0.05 / pow(4, Double(max(0, first.count - 1))))
        case .contains, .ends, .isNull: return 0.1
        case .set: return 0.5
        case .greater, .less, .greaterOrEqual, .lessOrEqual, .before, .after, .onOrBefore, .onOrAfter, .afterTime, .beforeTime,
            .beforeToday, .afterToday:
            return 0.25
        default: return 0.05  // two-sided ranges and periods
        }
    }

    /// The table and column of a fragment that is one column.
    private func singleColumn(_ fragment: SQLFragment) -> (String, String)? {
        guard let (relation, name) = fragment.singleColumn else { return nil }
        let table = relation.isEmpty ? catalog.rootTable : catalog.relations[relation]?.table
        return table.map { ($0, name) }
    }

    /// Whether the condition is false for a row with no value (no related row): true for the
    /// positive operators, false for negative ones, null tests, `is ''` and a false boolean.
    private func holdsOnlyWithAValue(type: RestrictionType, op: Operator, condition: Condition, values: ValueParser) throws -> Bool {
        if op.isNegative || op == .isNull { return false }
        if type == .bool, op != .isNotNull {
            var wanted = try condition.values.first.map(values.bool) ?? true
            if op == .unequals { wanted.toggle() }
            return wanted
        }
        if [.equals, .is].contains(op), [.string, .positiveString, .stringOrPK].contains(type), condition.values.first?.text.isEmpty == true {
            return false
        }
        return true
    }

    private func targetRelations(_ target: FilterTarget) -> Set<String> {
        switch target {
        case .expression(let fragment): fragment.relations
        case .membership(_, _, _, let owner): owner.relations
        case .anyRow(let rows): [rows.owner]
        case .pseudo: []
        }
    }

    private mutating func predicate(
        _ column: ColumnDefinition, type: RestrictionType, target: FilterTarget, op: Operator, condition: Condition, values: ValueParser
    ) throws -> SQLExpression {
        switch target {
        case .pseudo(let matchesAllWhenTrue):
            return try pseudo(op, condition.values, values, matchesAllWhenTrue: matchesAllWhenTrue)
        case .membership(let table, let ownerColumn, let memberColumn, let owner):
            return try membership(op, condition.values, values, table: table, ownerColumn: ownerColumn, memberColumn: memberColumn, owner: expression(owner))
        case .expression(let fragment):
            var expression = expression(fragment)
            if let indexable, singleColumn(fragment) != nil, !indexable.contains(expression) { expression = .unindexed(expression) }
            return try compare(expression, column: column, type: type, op: op, condition: condition, values: values)
        case .anyRow(let rows):
            return try anyRow(rows, column: column, type: type, op: op, condition: condition, values: values)
        }
    }

    /// A condition on a value the owner has several of (its e-mail addresses): a positive
    /// operator matches when any of its rows does; a negative one when none matches the positive
    /// counterpart (`notContains 'gmail'`: no address contains it); `isNull` when it has none.
    private mutating func anyRow(
        _ rows: ChildRows, column: ColumnDefinition, type: RestrictionType, op: Operator, condition: Condition, values: ValueParser
    ) throws -> SQLExpression {
        var ofOwner: [SQLExpression] = [.equal(.column(.local("r"), rows.ownerColumn), expression(.column(rows.owner, "id")))]
        if let kind = rows.kind { ofOwner.append(.equal(.column(.local("r"), "kind"), .integer(kind))) }
        func exists(_ conditions: [SQLExpression]) -> SQLExpression {
            .exists(SQLSelect(columns: [.integer(1)], from: SQLFrom(SQLTableReference(rows.table, as: .local("r"))), filter: .conjunction(conditions)))
        }
        switch op {
        case .isNull: return .not(exists(ofOwner))
        case .isNotNull: return exists(ofOwner)
        default:
            let positive = op.positiveCounterpart ?? op
            let matching = try compare(.column(.local("r"), rows.valueColumn), column: column, type: type, op: positive, condition: condition, values: values)
            return op.isNegative ? .not(exists(ofOwner + [matching])) : exists(ofOwner + [matching])
        }
    }

    /// The condition `op` with the condition's values on `expression`, a value of `column`'s type.
    private mutating func compare(
        _ expression: SQLExpression, column: ColumnDefinition, type: RestrictionType, op: Operator, condition: Condition, values: ValueParser
    ) throws -> SQLExpression {
        switch type {
        case .int, .timeSpan:
            let parse: (RestrictionValue) throws -> DatabaseValue = type == .int
                ? { .integer(try values.integer($0)) } : { .integer(try values.seconds($0)) }
            return try number(op, expression, condition.values, parse)
        case .decimal:
            return try number(op, expression, condition.values) { .real(try values.decimal($0)) }
        case .string, .positiveString, .stringOrPK:
            if op == .isPK {
                guard let key = column.primaryKey else { throw ArchiveError(.operatorNotAllowed, "\(column.name) has no key to match") }
                return .in(self.expression(key), SQLExpression.values(try condition.values.map { .integer(try values.integer($0)) }))
            }
            return text(op, expression, condition.values.map(\.text))
        case .bool, .saintStatus:
            return try flag(op, expression, condition.values, values)
        case .date, .dateTime, .unlimitedDate:
            let zoned: Bool
            if case .field(_, _, let isZoned) = column.value { zoned = isZoned } else { zoned = false }
            // A column that stores days (`YYYY-MM-DD`), not instants, whatever its restriction type.
            let storesDays: Bool
            if case .field(_, .date, false) = column.value { storesDays = true } else { storesDays = false }
            return try date(
                op, expression, condition.values, values, clock: zoned ? requestClock : utcClock, timeOfDay: type == .dateTime, storesDays: storesDays)
        case .listAny, .userGroup, .associate, .listInterest, .ejUser:
            return try reference(op, expression, condition.values, values)
        }
    }

    // MARK: - Per type

    private func nullTest(_ op: Operator, _ expression: SQLExpression) -> SQLExpression? {
        switch op {
        case .isNull: .isNull(expression)
        case .isNotNull: .isNotNull(expression)
        default: nil
        }
    }

    /// The two bounds of `between`, lower first: the range between two values is the same
    /// whichever is written first (as it always was for dates).
    static func ascending<T>(_ first: T, _ second: T, by isLess: (T, T) -> Bool) -> [T] {
        isLess(second, first) ? [second, first] : [first, second]
    }

    /// `(expression IS NULL OR NOT (positive))`: a negative operator matches rows with no value.
    private func negated(_ expression: SQLExpression, _ positive: SQLExpression) -> SQLExpression {
        .or([.isNull(expression), .not(positive)])
    }

    /// `x IS NOT NULL AND x <> ''`: a text with a value.
    private func hasText(_ expression: SQLExpression) -> SQLExpression { .and([.isNotNull(expression), .comparison(expression, .notEqual, .text(""))]) }

    /// `x IS NULL OR x = ''`: a text without one.
    private func lacksText(_ expression: SQLExpression) -> SQLExpression { .or([.isNull(expression), .equal(expression, .text(""))]) }

    private func number(
        _ op: Operator, _ expression: SQLExpression, _ raw: [RestrictionValue], _ parse: (RestrictionValue) throws -> DatabaseValue
    ) throws -> SQLExpression {
        if let test = nullTest(op, expression) { return test }
        let values = try raw.map(parse)
        let first = values.first.map { SQLExpression.value($0) } ?? .null
        switch op {
        case .equals: return .equal(expression, first)
        case .unequals: return .or([.isNull(expression), .comparison(expression, .notEqual, first)])
        case .greater: return .comparison(expression, .greater, first)
        case .less: return .comparison(expression, .less, first)
        case .greaterOrEqual: return .comparison(expression, .greaterOrEqual, first)
        case .lessOrEqual: return .comparison(expression, .lessOrEqual, first)
        case .between:
            let bounds = Self.ascending(values[0], values[1]) { ($0.doubleValue ?? 0) < ($1.doubleValue ?? 0) }
            return .between(expression, .value(bounds[0]), .value(bounds[1]))
        case .oneOf: return .in(expression, SQLExpression.values(values))
        case .notOneOf: return negated(expression, .in(expression, SQLExpression.values(values)))
        // `set` alone: the field has a non-zero value; `set n`: it equals n.
        case .set: return values.isEmpty ? .and([.isNotNull(expression), .comparison(expression, .notEqual, .integer(0))]) : .equal(expression, first)
        default: preconditionFailure("\(op) is not a number operator")
        }
    }

    private func text(_ op: Operator, _ expression: SQLExpression, _ values: [String]) -> SQLExpression {
        if let test = nullTest(op, expression) { return test }
        func match(_ kind: TextMatch.Kind, _ needle: String) -> SQLExpression {
            // An empty needle: a positive operator matches any non-empty value.
            if needle.isEmpty { return hasText(expression) }
            return TextMatch.predicate(expression, kind, needle)
        }
        func equal(_ needle: String) -> SQLExpression {
            needle.isEmpty ? lacksText(expression) : match(.whole, needle)
        }
        /// oneOf is a positive operator: an empty value in its set matches nothing (a row with no
        /// value never matches a positive operator).
        func anyOf(_ needles: [String]) -> SQLExpression {
            let needles = needles.filter { !$0.isEmpty }
            guard !needles.isEmpty else { return .alwaysFalse }
            if needles.allSatisfy({ $0.unicodeScalars.allSatisfy(\.isASCII) }) {
                return .caseInsensitiveIn(expression, SQLExpression.values(needles.map { .text($0) }))
            }
            return .or(needles.map { match(.whole, $0) })
        }
        switch op {
        case .equals, .is: return equal(values[0])
        case .unequals, .isNot:
            return values[0].isEmpty ? hasText(expression) : negated(expression, match(.whole, values[0]))
        case .begins: return match(.prefix, values[0])
        case .contains: return match(.substring, values[0])
        case .ends: return match(.suffix, values[0])
        case .notBegins: return values[0].isEmpty ? lacksText(expression) : negated(expression, match(.prefix, values[0]))
        case .notContains: return values[0].isEmpty ? lacksText(expression) : negated(expression, match(.substring, values[0]))
        case .notEnds: return values[0].isEmpty ? lacksText(expression) : negated(expression, match(.suffix, values[0]))
        case .between:
            let bounds = Self.ascending(values[0], values[1]) { $0.nocaseUTF8.lexicographicallyPrecedes($1.nocaseUTF8) }
            return .and([
                .caseInsensitive(expression, .greaterOrEqual, .value(.text(bounds[0]))),
                .caseInsensitive(expression, .lessOrEqual, .value(.text(bounds[1]))),
            ])
        case .oneOf: return anyOf(values)
        case .notOneOf: return negated(expression, anyOf(values))
        default: preconditionFailure("\(op) is not a text operator")
        }
    }

    private func flag(_ op: Operator, _ expression: SQLExpression, _ raw: [RestrictionValue], _ values: ValueParser) throws -> SQLExpression {
        if let test = nullTest(op, expression) { return test }
        var wanted = try raw.first.map(values.bool) ?? true
        if op == .unequals { wanted.toggle() }
        // No value counts as false.
        return wanted ? .equal(expression, .integer(1)) : .equal(.function(.coalesce, [expression, .integer(0)]), .integer(0))
    }

    private func pseudo(_ op: Operator, _ raw: [RestrictionValue], _ values: ValueParser, matchesAllWhenTrue: Bool) throws -> SQLExpression {
        guard op == .set || op == .equals || op == .unequals else {
            throw ArchiveError(.operatorNotAllowed, "\(values.column) takes set, equals or unequals with true or false")
        }
        var wanted = try raw.first.map(values.bool) ?? true
        if op == .unequals { wanted.toggle() }
        // getAllRows = true asks for every row (as does false: it restricts nothing);
        // getNoRows = true asks for none.
        return matchesAllWhenTrue || !wanted ? .alwaysTrue : .alwaysFalse
    }

    private func reference(_ op: Operator, _ expression: SQLExpression, _ raw: [RestrictionValue], _ values: ValueParser) throws -> SQLExpression {
        if let test = nullTest(op, expression) { return test }
        if op == .currentAssociate {
            guard let associate = context.currentAssociateID else {
                throw ArchiveError(.invalidValue, "\(values.column) currentAssociate needs to know who is asking, and this request has no associate")
            }
            return .equal(expression, .value(.integer(associate)))
        }
        let ids = try raw.map { DatabaseValue.integer(try values.integer($0)) }
        let positive = SQLExpression.in(expression, SQLExpression.values(ids))
        switch op {
        case .oneOf, .equals, .is, .associateIsOneOf: return positive
        case .notOneOf, .unequals, .isNot, .associateIsNotOneOf: return negated(expression, positive)
        default: preconditionFailure("\(op) is not a reference operator")
        }
    }

    private func membership(
        _ op: Operator, _ raw: [RestrictionValue], _ values: ValueParser, table: String, ownerColumn: String, memberColumn: String,
        owner: SQLExpression
    ) throws -> SQLExpression {
        let link = SQLExpression.equal(.column(.local("m"), ownerColumn), owner)
        func links(_ condition: SQLExpression) -> SQLSelect {
            SQLSelect(columns: [.integer(1)], from: SQLFrom(SQLTableReference(table, as: .local("m"))), filter: condition)
        }
        switch op {
        case .isNull: return .not(.exists(links(link)))
        case .isNotNull: return .exists(links(link))
        default:
            let ids = try raw.map { DatabaseValue.integer(try values.integer($0)) }
            let exists = SQLExpression.exists(links(.conjunction([link, .in(.column(.local("m"), memberColumn), SQLExpression.values(ids))])))
            switch op {
            case .oneOf, .equals, .is: return exists
            case .notOneOf, .unequals, .isNot: return .not(exists)
            default: preconditionFailure("\(op) is not a membership operator")
            }
        }
    }

    // MARK: - Dates

    private func date(
        _ op: Operator, _ expression: SQLExpression, _ raw: [RestrictionValue], _ values: ValueParser, clock: ZonedClock, timeOfDay: Bool,
        storesDays: Bool
    ) throws -> SQLExpression {
        if let test = nullTest(op, expression) { return test }
        // Bounds are instants written as stored datetimes (`YYYY-MM-DD HH:MM:SS`); SQLite compares
        // them as text, PostgreSQL as timestamps.
        func bound(_ instant: Int64) -> SQLExpression { .parameter(.text(StoredDateTime.format(instant)), .dateTime) }
        // A date column holds `YYYY-MM-DD`: its bounds are days written so. As text, a datetime
        // bound would put the day itself before its own midnight (`'2026-10-12' < '2026-10-12
        // 00:00:00'`), losing the first day of a range and taking the one after its end.
        func start(_ day: Int64) -> SQLExpression {
            storesDays ? .parameter(.text(StoredDateTime.formatDate(day * 86_400)), .date) : bound(clock.utcStart(ofLocalDay: day))
        }
        func days(_ range: DayRange) -> SQLExpression {
            .and([.comparison(expression, .greaterOrEqual, start(range.first)), .comparison(expression, .less, start(range.end))])
        }
        func instant(_ literal: DateLiteral) -> SQLExpression {
            let local = literal.day * 86_400 + (literal.secondOfDay ?? 0)
            return bound(literal.offset.map { local - $0 } ?? clock.utc(fromLocal: local))
        }
        /// The local day a literal names (a literal with an offset is first moved into the zone).
        func day(_ literal: DateLiteral) -> Int64 {
            guard let offset = literal.offset else { return literal.day }
            return clock.localDay(ofUTC: literal.day * 86_400 + (literal.secondOfDay ?? 0) - offset)
        }
        let today = requestClock.localDay(ofUTC: context.now)
        let calendar = PeriodCalendar(today: today)

        if let range = calendar.legacyRange(of: op) { return days(range) }
        switch op {
        case .beforeToday: return .comparison(expression, .less, start(today))
        case .afterToday: return .comparison(expression, .greaterOrEqual, start(today + 1))
        case .thisPeriod, .thisPreviousAndNext:
            return days(calendar.range(of: op, unit: try values.period(raw[0]), count: 0))
        case .nextPeriod, .previousPeriod, .thisAndNext, .thisAndPrevious:
            return days(calendar.range(of: op, unit: try values.period(raw[1]), count: try values.count(raw[0])))
        default: break
        }

        let literals = try raw.map(values.dateLiteral)
        // With a time of day on a datetime column, comparisons are to the second; otherwise to the day.
        let exact = timeOfDay && literals.allSatisfy(\.hasTime)
        switch op {
        case .afterTime: return .comparison(expression, .greaterOrEqual, instant(literals[0]))
        case .beforeTime: return .comparison(expression, .less, instant(literals[0]))
        case .dateTime: return .equal(expression, instant(literals[0]))
        case .equals where exact: return .equal(expression, instant(literals[0]))
        case .unequals where exact: return .or([.isNull(expression), .comparison(expression, .notEqual, instant(literals[0]))])
        case .greater where exact: return .comparison(expression, .greater, instant(literals[0]))
        case .less where exact: return .comparison(expression, .less, instant(literals[0]))
        case .greaterOrEqual where exact: return .comparison(expression, .greaterOrEqual, instant(literals[0]))
        case .lessOrEqual where exact: return .comparison(expression, .lessOrEqual, instant(literals[0]))
        case .between where exact:
            let instants = [literals[0], literals[1]].map { $0.instant(in: clock) }
            let bounds = Self.ascending(instants[0], instants[1]) { $0 < $1 }
            return .and([.comparison(expression, .greaterOrEqual, bound(bounds[0])), .comparison(expression, .lessOrEqual, bound(bounds[1]))])
        case .date, .equals: return days(DayRange(first: day(literals[0]), end: day(literals[0]) + 1))
        case .unequals: return negated(expression, days(DayRange(first: day(literals[0]), end: day(literals[0]) + 1)))
        case .before, .less: return .comparison(expression, .less, start(day(literals[0])))
        case .after, .greater: return .comparison(expression, .greaterOrEqual, start(day(literals[0]) + 1))
        case .onOrAfter, .greaterOrEqual: return .comparison(expression, .greaterOrEqual, start(day(literals[0])))
        case .onOrBefore, .lessOrEqual: return .comparison(expression, .less, start(day(literals[0]) + 1))
        case .dateBetween, .between:
            let (first, last) = (day(literals[0]), day(literals[1]))
            return days(DayRange(first: min(first, last), end: max(first, last) + 1))
        default: preconditionFailure("\(op) is not a date operator")
        }
    }
}
