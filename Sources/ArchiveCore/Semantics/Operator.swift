/// A restriction operator, by its canonical name. Every spelling a client may use maps to one
/// of these (``Operator/init(name:)``).
enum Operator: String, CaseIterable, Sendable {
    case equals, unequals, greater, less, greaterOrEqual, lessOrEqual, between, oneOf, notOneOf, set
    case begins, contains, ends, notBegins, notContains, notEnds, `is`, isNot, isPK
    case before, after, date, dateBetween, onOrBefore, onOrAfter, beforeToday, today, afterToday
    case lastWeek, thisWeek, nextWeek, lastMonth, thisMonth, nextMonth, lastQuarter, thisQuarter, nextQuarter, thisHalf, thisYear
    case thisPeriod, nextPeriod, previousPeriod, thisAndNext, thisAndPrevious, thisPreviousAndNext
    case afterTime, beforeTime, dateTime
    case associateIsOneOf, associateIsNotOneOf, currentAssociate
    case isNull, isNotNull

    /// Every accepted spelling, lower-cased, with the operator it means.
    private static let spellings: [String: Operator] = {
        var table: [String: Operator] = [:]
        for op in Operator.allCases { table[op.rawValue.lowercased()] = op }
        let synonyms: [(Operator, [String])] = [
            (.equals, ["=", "==", "eq", "equal"]),
            (.unequals, ["!=", "<>", "ne", "notequals"]),
            (.greater, [">", "gt"]),
            (.less, ["<", "lt"]),
            (.greaterOrEqual, [">=", "ge", "greaterorequal"]),
            (.lessOrEqual, ["<=", "le", "lessorequal"]),
            (.oneOf, ["in"]),
            (.notOneOf, ["notin"]),
            (.begins, ["startswith"]),
            (.ends, ["endswith"]),
            (.onOrAfter, ["from", "afterorequal"]),
            (.onOrBefore, ["to", "beforeorequal"]),
            (.thisPeriod, ["this"]),
            (.nextPeriod, ["next"]),
            (.previousPeriod, ["previous"]),
            (.thisPreviousAndNext, ["thisandpreviousandnext"]),
            (.date, ["on"]),
        ]
        for (op, names) in synonyms { for name in names { table[name] = op } }
        return table
    }()

    /// Reads any spelling of an operator, case-insensitively.
    init?(name: String) {
        guard let op = Self.spellings[name.lowercased()] else { return nil }
        self = op
    }

    /// The operators' names for error messages, each with the short spellings clients write
    /// for it: `equals (=, eq)`, `greater (>, gt)`, …
    static func spellings(of operators: Set<Operator>) -> [String] {
        operators.map { op in
            let short = spellings.filter { $0.value == op && $0.key != op.rawValue.lowercased() && $0.key.count <= 3 }.map(\.key).sorted()
            return short.isEmpty ? op.rawValue : "\(op.rawValue) (\(short.joined(separator: ", ")))"
        }.sorted()
    }

    /// The canonical names of `operators` closest to `name` (a misspelling such as `thisMonht`),
    /// nearest first: those within a third of the name's length in edits, at most three.
    static func closest(to name: String, among operators: Set<Operator>) -> [String] {
        let wanted = name.lowercased()
        let limit = max(2, wanted.count / 3)
        var best: [String: Int] = [:]
        for (spelling, op) in spellings where operators.contains(op) {
            let distance = EditDistance.between(wanted, spelling)
            if distance <= limit { best[op.rawValue] = min(best[op.rawValue] ?? .max, distance) }
        }
        return best.sorted { ($0.value, $0.key) < ($1.value, $1.key) }.prefix(3).map(\.key)
    }

    /// How many values the operator takes.
    var valueCount: ClosedRange<Int> {
        switch self {
        case .isNull, .isNotNull, .beforeToday, .today, .afterToday, .lastWeek, .thisWeek, .nextWeek, .lastMonth, .thisMonth,
            .nextMonth, .lastQuarter, .thisQuarter, .nextQuarter, .thisHalf, .thisYear, .currentAssociate:
            0...0
        case .set: 0...1
        case .between, .dateBetween, .nextPeriod, .previousPeriod, .thisAndNext, .thisAndPrevious: 2...2
        case .oneOf, .notOneOf, .associateIsOneOf, .associateIsNotOneOf: 1...Int.max
        default: 1...1
        }
    }

    /// What the values are, for error messages.
    var valueHint: String {
        switch valueCount {
        case 0...0: "no value"
        case 0...1: "no value or one value"
        case 2...2: self == .nextPeriod || self == .previousPeriod || self == .thisAndNext || self == .thisAndPrevious
            ? "two values: a count and a period (day, week, month, quarter, halfyear, year)" : "two values"
        case 1...Int.max where valueCount.upperBound == Int.max: "one or more values"
        default: self == .thisPeriod || self == .thisPreviousAndNext ? "one value: a period (day, week, month, quarter, halfyear, year)" : "one value"
        }
    }

    /// Negative operators match rows that have no value.
    /// The positive operator a negative one denies (`notContains` → `contains`); nil for a
    /// positive one.
    var positiveCounterpart: Operator? {
        switch self {
        case .unequals: .equals
        case .notOneOf: .oneOf
        case .notBegins: .begins
        case .notContains: .contains
        case .notEnds: .ends
        case .isNot: .is
        case .associateIsNotOneOf: .associateIsOneOf
        default: nil
        }
    }

    var isNegative: Bool {
        switch self {
        case .unequals, .notOneOf, .notBegins, .notContains, .notEnds, .isNot, .associateIsNotOneOf: true
        default: false
        }
    }
}

extension RestrictionType {
    /// The operators this restriction type allows.
    var operators: Set<Operator> {
        let nullTests: Set<Operator> = [.isNull, .isNotNull]
        let comparisons: Set<Operator> = [.equals, .unequals, .greater, .less, .greaterOrEqual, .lessOrEqual, .between, .oneOf, .notOneOf]
        let dates: Set<Operator> = [
            .equals, .unequals, .greater, .less, .greaterOrEqual, .lessOrEqual, .before, .after, .date, .dateBetween, .between,
            .onOrBefore, .onOrAfter, .beforeToday, .today, .afterToday, .lastWeek, .thisWeek, .nextWeek, .lastMonth, .thisMonth,
            .nextMonth, .lastQuarter, .thisQuarter, .nextQuarter, .thisHalf, .thisYear, .thisPeriod, .nextPeriod,
            .previousPeriod, .thisAndNext, .thisAndPrevious, .thisPreviousAndNext,
        ]
        let strings: Set<Operator> = [.begins, .contains, .ends, .notBegins, .notContains, .notEnds, .is, .isNot, .equals, .unequals, .between, .oneOf, .notOneOf]
        let lists: Set<Operator> = [.oneOf, .notOneOf, .equals, .unequals, .is, .isNot]
        switch self {
        case .int, .decimal, .timeSpan: return comparisons.union([.set]).union(nullTests)
        case .string: return strings.union(nullTests)
        case .positiveString: return [.begins, .contains, .ends, .is, .equals, .oneOf, .isNull, .isNotNull]
        case .stringOrPK: return strings.union([.isPK]).union(nullTests)
        case .bool: return [.set, .equals, .unequals, .isNull, .isNotNull]
        // The datetime operators compare a date column's stored moment too (`date beforeTime
        // '2026-11-20T09:00'`), as the reference's own examples use them.
        case .date, .dateTime: return dates.union([.afterTime, .beforeTime, .dateTime]).union(nullTests)
        case .unlimitedDate: return dates.union(nullTests)
        case .listAny, .userGroup, .listInterest, .ejUser: return lists.union(nullTests)
        case .saintStatus: return [.set, .equals, .unequals, .isNull, .isNotNull]
        case .associate: return lists.union([.associateIsOneOf, .associateIsNotOneOf, .currentAssociate]).union(nullTests)
        }
    }
}

extension RestrictionType {
    /// The canonical names of the operators the type takes, sorted (`begins`, `contains`, …).
    public var operatorNames: [String] { operators.map(\.rawValue).sorted() }
}
