import ArchiveCore

/// The functions of `$filter`: the OData text functions and the relative-period functions.
///
/// Each becomes one ``Condition``: `startswith(col, 'x')` is `col begins 'x'`, `endswith` is
/// `ends`, `substringof('x', col)` is `col contains 'x'` (and `notBegins`, `notEnds`,
/// `notContains` when followed by `eq false`); `this(col, week)` is `col this week`,
/// `previous(col, 2, 'weeks')` is `col previous 2 'weeks'`.
enum FilterFunction: String, CaseIterable, Sendable {
    case startsWith = "startswith"
    case endsWith = "endswith"
    case substringOf = "substringof"
    case this
    case next
    case previous
    case thisAndNext
    case thisAndPrevious
    case thisAndPreviousAndNext

    /// The function called `name`, whatever its case.
    init?(name: String) {
        let wanted = name.lowercased()
        guard let function = Self.allCases.first(where: { $0.rawValue.lowercased() == wanted }) else { return nil }
        self = function
    }

    /// How the function is called, for messages.
    var usage: String {
        switch self {
        case .startsWith, .endsWith: "\(rawValue)(column, 'text')"
        case .substringOf: "substringof('text', column)"
        case .this, .thisAndPreviousAndNext: "\(rawValue)(column, period)"
        case .next, .previous, .thisAndNext, .thisAndPrevious: "\(rawValue)(column, count, period)"
        }
    }

    var argumentCount: Int {
        switch self {
        case .next, .previous, .thisAndNext, .thisAndPrevious: 3
        default: 2
        }
    }
}

extension FilterGrammar {
    /// A function call, the next token being its name and the one after it `(`.
    mutating func parseFunction(_ function: FilterFunction) throws -> Restriction {
        let name = try advance()
        let (arguments, close) = try parseArguments(of: function, name: name)
        if arguments.count > function.argumentCount {
            let extra = arguments[function.argumentCount]
            throw errors.unexpected(
                extra.described, at: extra.position,
                expected: "')': \(name.text)() takes \(function.argumentCount) arguments, \(function.usage)")
        }
        if arguments.count < function.argumentCount {
            throw errors.unexpected(
                close.described, at: close.position,
                expected: "\(function.argumentCount) arguments: \(function.usage)")
        }

        // OData's order is substringof('needle', column); also accept the column first when
        // the other argument is the quoted text.
        var columnIndex = 0
        if function == .substringOf {
            if case .word = arguments[0].kind, case .string = arguments[1].kind { columnIndex = 0 } else { columnIndex = 1 }
        }
        let columnToken = arguments[columnIndex]
        guard let column = columnToken.word, column.isColumnName else {
            throw errors.unexpected(
                columnToken.described, at: columnToken.position,
                expected: "a column name as argument \(columnIndex + 1) of \(name.text)(): \(function.usage)")
        }

        let operatorName: String
        let values: [FilterToken]
        switch function {
        case .startsWith, .endsWith:
            values = [arguments[1]]
            let negated = try parseTruthSuffix()
            operatorName = function == .startsWith ? (negated ? "notBegins" : "begins") : (negated ? "notEnds" : "ends")
        case .substringOf:
            values = [arguments[1 - columnIndex]]
            operatorName = try parseTruthSuffix() ? "notContains" : "contains"
        case .this, .thisAndPreviousAndNext, .next, .previous, .thisAndNext, .thisAndPrevious:
            values = Array(arguments.dropFirst())
            operatorName = function.rawValue
        }
        return .condition(Condition(
            column, operatorName, values.map(Self.value), position: columnToken.position,
            partPositions: Condition.PartPositions(operator: name.position, values: values.map(\.position))))
    }

    /// The arguments between the parentheses, each a single word or string, and the closing
    /// parenthesis.
    private mutating func parseArguments(of function: FilterFunction, name: FilterToken) throws -> ([FilterToken], close: FilterToken) {
        let open = try advance()
        let missingClose = errors.error("missing ')' to close the '(' of \(name.text) at position \(open.position)", at: open.position)
        if case .close = try peek().kind {
            throw errors.error("empty parentheses at position \(open.position) after \(name.described); expected \(function.usage)", at: open.position)
        }
        var arguments: [FilterToken] = []
        while true {
            let token = try peek()
            let which = "argument \(arguments.count + 1) of \(name.text)()"
            switch token.kind {
            case .word, .string: arguments.append(token)
            case .end: throw missingClose
            case .open:
                throw errors.unexpected(token.described, at: token.position, expected: "a single value as \(which), not a list: \(function.usage)")
            default:
                throw errors.unexpected(token.described, at: token.position, expected: "\(which): \(function.usage)")
            }
            try advance()
            let next = try peek()
            switch next.kind {
            case .comma: try advance()
            case .close: return (arguments, try advance())
            case .end: throw missingClose
            default:
                throw errors.unexpected(next.described, at: next.position, expected: "',' or ')' after \(which): \(function.usage)")
            }
        }
    }

    /// Reads an optional `eq true`, `eq false`, `ne true`, … after a text function; true when
    /// the condition is negated.
    private mutating func parseTruthSuffix() throws -> Bool {
        let token = try peek()
        let negates: Bool
        switch token.kind {
        case .symbol("="), .symbol("=="): negates = false
        case .symbol("!="), .symbol("<>"): negates = true
        case .word where token.isWord("eq"): negates = false
        case .word where token.isWord("ne"): negates = true
        default: return false
        }
        try advance()
        let value = try peek()
        guard value.isWord("true") || value.isWord("false") else {
            throw errors.unexpected(value.described, at: value.position, expected: "true or false after \(token.described)")
        }
        try advance()
        return negates != value.isWord("false")
    }

    /// A value as written: quoted or bare.
    static func value(_ token: FilterToken) -> RestrictionValue {
        switch token.kind {
        case .string(let text): .string(text)
        default: .word(token.word ?? token.text)
        }
    }
}
