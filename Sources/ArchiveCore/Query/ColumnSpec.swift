/// A selected column: a plain column name, or an aggregate such as `Count(chatSessionId):Footer`.
public indirect enum ColumnSpec: Sendable, Hashable, ExpressibleByStringLiteral, CustomStringConvertible {
    case column(String)
    case aggregate(AggregateSpec)

    /// The spec parsed from `value`, or a plain column of that name when it does not parse.
    public init(stringLiteral value: String) {
        self = (try? ColumnSpec(parsing: value)) ?? .column(value)
    }

    /// The key of this column in result rows: the spec exactly as requested.
    public var key: String {
        switch self {
        case .column(let name): name
        case .aggregate(let spec): spec.key
        }
    }

    /// The spec as requested (its ``key``).
    public var description: String { key }

    /// The plain column the spec reads, however deeply it is nested in functions.
    public var baseColumn: String {
        switch self {
        case .column(let name): name
        case .aggregate(let spec): spec.argument.baseColumn
        }
    }
}

/// An aggregate function applied to a column, with its modifiers.
///
/// Modifiers follow the function after `:` and are separated by `,` or `:` (both spellings of the
/// reference system): `GroupBy(type):Header,Footer,2` is `GroupBy(type):Header:Footer:2`.
public struct AggregateSpec: Sendable, Hashable {
    /// The function applied.
    public var function: AggregateFunction
    /// What the function is applied to: a column, or another aggregate (`GroupBy(DatePart(x):Year)`).
    public var argument: ColumnSpec
    /// `Header`, `Footer`, `HideDetail`, a level number, a date part, `NoNegative`/`OnlyPositive`.
    public var modifiers: [String]
    /// The spec as the client wrote it: the key of the column in result rows.
    public var key: String

    /// `function` applied to `argument`; `key` defaults to the spec written out, such as `Sum(duration):Footer`.
    public init(_ function: AggregateFunction, _ argument: ColumnSpec, modifiers: [String] = [], key: String? = nil) {
        self.function = function
        self.argument = argument
        self.modifiers = modifiers
        self.key = key ?? (function.rawValue + "(" + argument.key + ")" + (modifiers.isEmpty ? "" : ":" + modifiers.joined(separator: ",")))
    }

    /// True when a modifier is present (case-insensitive).
    public func has(_ modifier: String) -> Bool {
        modifiers.contains { $0.caseInsensitiveEquals(modifier) }
    }

    /// The group level (`GroupBy(x):2`), 1 when none is given.
    public var level: Int { modifiers.lazy.compactMap { Int($0) }.first ?? 1 }
}

/// The aggregate functions.
public enum AggregateFunction: String, Sendable, Hashable, CaseIterable {
    /// The number of distinct values.
    case count = "Count"
    /// The number of rows, whatever their values.
    case countAll = "CountAll"
    case sum = "Sum"
    case average = "Avg"
    case minimum = "Min"
    case maximum = "Max"
    /// Each detail row's value as a percentage of its group's total; groups get the total.
    case percent = "Percent"
    /// Defines a group level (a control break on the value).
    case groupBy = "GroupBy"
    /// A part of a date (`:Year`, `:Month`, `:YearMonth`, …), per row.
    case datePart = "DatePart"

    init?(name: String) {
        guard let match = Self.allCases.first(where: { $0.rawValue.caseInsensitiveEquals(name) }) else { return nil }
        self = match
    }
}

extension ColumnSpec {
    /// Parses a column spec: `person/lastName`, `Count(chatSessionId):Footer`,
    /// `GroupBy(DatePart(whenRequested):YearMonth):Header,Footer`.
    ///
    /// - Throws: ``ArchiveError`` (`invalidAggregate`) naming the position and what was expected.
    public init(parsing text: String) throws {
        var parser = SpecParser(text: text)
        self = try parser.parseWhole()
    }
}

private struct SpecParser {
    let text: String
    let characters: [Character]
    var index = 0
    var depth = 0
    static let maximumDepth = 8

    init(text: String) {
        self.text = text
        self.characters = Array(text)
    }

    mutating func parseWhole() throws -> ColumnSpec {
        skipSpaces()
        let spec = try parseSpec()
        skipSpaces()
        guard index == characters.count else { throw error("unexpected '\(characters[index])'", expected: "the end of the column spec") }
        return spec
    }

    mutating func parseSpec() throws -> ColumnSpec {
        let start = index
        let name = readName()
        guard !name.isEmpty else {
            throw error(index < characters.count ? "unexpected '\(characters[index])'" : "the spec ends early", expected: "a column name or an aggregate function")
        }
        skipSpaces()
        guard index < characters.count, characters[index] == "(" else {
            return .column(name)
        }
        guard let function = AggregateFunction(name: name) else {
            throw error("unknown aggregate function '\(name)'", expected: AggregateFunction.allCases.map(\.rawValue).joined(separator: ", "), at: start)
        }
        index += 1
        skipSpaces()
        // Real specs nest two or three deep (`GroupBy(DatePart(x):Year)`); a limit keeps a
        // hostile spec from exhausting the stack.
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else {
            throw error("functions nest more than \(Self.maximumDepth) deep", expected: "a spec such as GroupBy(DatePart(whenRequested):Year)", at: start)
        }
        let argument = try parseSpec()
        skipSpaces()
        guard index < characters.count, characters[index] == ")" else {
            throw error(index < characters.count ? "unexpected '\(characters[index])'" : "the spec ends early", expected: "')' to close \(function.rawValue)(")
        }
        index += 1
        var modifiers: [String] = []
        while index < characters.count, characters[index] == ":" {
            index += 1
            repeat {
                if index < characters.count, characters[index] == "," { index += 1 }
                skipSpaces()
                let modifier = readName(allowingColons: false)
                guard !modifier.isEmpty else { throw error("a modifier is missing", expected: "a modifier such as Header, Footer, HideDetail or a level number") }
                modifiers.append(modifier)
                skipSpaces()
            } while index < characters.count && characters[index] == ","
        }
        let key = String(characters[start..<index]).trimmingSpaces()
        return .aggregate(AggregateSpec(function, argument, modifiers: modifiers, key: key))
    }

    /// A column or function name. A column's name may hold a `:` followed by digits, as the
    /// reference's user-defined fields do (`person/personUdef/SuperOffice:1`); the `:` of
    /// modifiers follows a `)` instead, and `chatSessionId:Footer` stays an error.
    mutating func readName(allowingColons: Bool = true) -> String {
        let start = index
        while index < characters.count {
            let character = characters[index]
            let isColonInName = allowingColons && character == ":" && index > start && index + 1 < characters.count
                && characters[index + 1].isASCII && characters[index + 1].isNumber
            guard character.isLetter || character.isNumber || "_/.".contains(character) || isColonInName else { break }
            index += 1
        }
        return String(characters[start..<index])
    }

    mutating func skipSpaces() {
        while index < characters.count, characters[index] == " " { index += 1 }
    }

    func error(_ problem: String, expected: String, at position: Int? = nil) -> ArchiveError {
        let at = position ?? index
        return ArchiveError(
            .invalidAggregate,
            "\(problem) at position \(at + 1) of '\(text)'; expected \(expected)",
            position: at + 1
        )
    }
}

extension StringProtocol {
    func caseInsensitiveEquals(_ other: some StringProtocol) -> Bool {
        count == other.count && lowercased() == other.lowercased()
    }

    func trimmingSpaces() -> String {
        guard let first = firstIndex(where: { $0 != " " }), let last = lastIndex(where: { $0 != " " }) else { return "" }
        return String(self[first...last])
    }
}
