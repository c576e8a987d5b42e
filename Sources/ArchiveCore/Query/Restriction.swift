/// A tree of conditions: which rows a query returns.
public indirect enum Restriction: Sendable, Hashable {
    case condition(Condition)
    case and([Restriction])
    case or([Restriction])

    /// The restriction as one line of text, the same for equal restrictions.
    public var canonicalText: String {
        switch self {
        case .condition(let condition):
            return "\(condition.column.lowercased()) \(condition.operator.lowercased())(\(condition.values.map(\.description).joined(separator: ",")))"
        case .and(let parts): return "and(" + parts.map(\.canonicalText).joined(separator: ";") + ")"
        case .or(let parts): return "or(" + parts.map(\.canonicalText).joined(separator: ";") + ")"
        }
    }
}

/// One condition: a column, an operator (any of its names or synonyms) and the operator's values.
///
/// Values are kept as the client wrote them; the planner converts them for the column's type, so
/// that a wrong value can be reported against the column and operator it was meant for.
public struct Condition: Sendable, Hashable {
    /// The column's name as the client wrote it, such as `person/lastName`.
    public var column: String
    /// The operator as the client wrote it: its name or a synonym (`begins`, `startsWith`, `eq`, `=`), in any case.
    public var `operator`: String
    /// The operator's values, in order; empty for operators that take none (`today`, `isNull`).
    public var values: [RestrictionValue]
    /// Where the condition starts in the client's text, for error messages.
    public var position: Int?
    /// Where its operator and each of its values are written, for error messages that point at
    /// the part that is wrong (`whenRequested gt '2026-13-45'` points at the date).
    public var partPositions: PartPositions?

    /// The 1-based positions of a condition's operator and values in the client's text.
    public struct PartPositions: Sendable, Hashable {
        /// Where the operator is written.
        public var `operator`: Int
        /// One per value, in order.
        public var values: [Int]

        /// The positions of the operator and of each value.
        public init(operator: Int, values: [Int]) {
            self.operator = `operator`
            self.values = values
        }
    }

    /// A condition on `column`; `position` and `partPositions` are known only for conditions parsed from text.
    public init(
        _ column: String, _ operator: String, _ values: [RestrictionValue] = [], position: Int? = nil, partPositions: PartPositions? = nil
    ) {
        self.column = column
        self.operator = `operator`
        self.values = values
        self.position = position
        self.partPositions = partPositions
    }

    /// Where the value at `index` is written, when known.
    public func position(ofValueAt index: Int) -> Int? {
        guard let positions = partPositions?.values, positions.indices.contains(index) else { return nil }
        return positions[index]
    }
}

/// A value as written in a restriction.
public enum RestrictionValue: Sendable, Hashable, CustomStringConvertible {
    /// A quoted string: `'Bob''s'`.
    case string(String)
    /// An unquoted word: a number, `true`, a period name.
    case word(String)

    /// The text of the value, without quotes.
    public var text: String {
        switch self {
        case .string(let text), .word(let text): text
        }
    }

    /// The value for messages and canonical text: a string in quotes (its own quotes not doubled), a word as it is.
    public var description: String {
        switch self {
        case .string(let text): "'\(text)'"
        case .word(let text): text
        }
    }
}
