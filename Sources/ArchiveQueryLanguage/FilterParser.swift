public import ArchiveCore

/// Parses `$filter` values into ``Restriction`` trees.
///
/// ```swift
/// let restriction = try FilterParser.parse("name begins 'S' and (rating ge 4 or startswith(chatTopic/name, 'Sup'))")
/// // .and([name begins 'S', .or([rating ge 4, chatTopic/name begins 'Sup'])])
/// ```
///
/// The grammar, informally (keywords, operators and function names in any case):
///
/// ```
/// filter     = [or]
/// or         = and { "or" and }
/// and        = primary { "and" primary }
/// primary    = "(" or ")" | function | condition
/// condition  = column operator [values]
/// values     = value | "(" value { "," value } ")"
/// value      = 'string' | word
/// function   = startswith(column, value) | endswith(column, value) | substringof(value, column)
///              [ ("eq" | "=" | "==" | "ne" | "!=" | "<>") ("true" | "false") ]
///            | this(column, period) | thisAndPreviousAndNext(column, period)
///            | next(column, n, period) | previous(…) | thisAndNext(…) | thisAndPrevious(…)
/// ```
///
/// Operators are passed through as written: the provider knows which ones a column takes and how
/// many values each needs. Only the comparison operators (`=`, `eq`, `<`, `lt`, …, `in`) are
/// known to need a value here, so that `rating eq )` is reported as the syntax error it is.
/// Every condition keeps the position of its column, for the provider's errors.
public enum FilterParser {
    /// The restriction a `$filter` value describes; nil when the value is empty or blank.
    ///
    /// - Throws: ``ArchiveError`` of kind `syntax` for `$filter`, positioned at the offending
    ///   token, naming it and what was expected there.
    public static func parse(_ text: String) throws -> Restriction? {
        var grammar = FilterGrammar(tokens: FilterLexer.tokens(text))
        return try grammar.parseFilter()
    }
}

/// The recursive-descent parser behind ``FilterParser``.
struct FilterGrammar {
    let tokens: [FilterToken]
    var index = 0
    let errors = SyntaxError(option: QueryOption.filter.rawValue)
    /// How many groups are open; bounded so that no filter can exhaust the stack.
    var depth = 0
    static let maximumDepth = 100

    /// Operators that always take a value, whatever the column: the comparisons.
    static let comparisonOperators: Set<String> = ["=", "==", "!=", "<>", "<", ">", "<=", ">=", "eq", "ne", "gt", "ge", "lt", "le", "in"]

    init(tokens: [FilterToken]) {
        self.tokens = tokens
    }

    // MARK: - Tokens

    /// The next token; throws if it is one the lexer could not read.
    func peek() throws -> FilterToken {
        let token = tokens[index]
        if case .invalid(let message) = token.kind { throw errors.error(message, at: token.position) }
        return token
    }

    /// The token after the next one, without reporting it when invalid.
    func peekSecond() -> FilterToken? {
        index + 1 < tokens.count ? tokens[index + 1] : nil
    }

    @discardableResult
    mutating func advance() throws -> FilterToken {
        let token = try peek()
        index += 1
        return token
    }

    /// The last token read, for "after 'eq'" in messages.
    var previous: FilterToken? { index > 0 ? tokens[index - 1] : nil }

    // MARK: - Expressions

    mutating func parseFilter() throws -> Restriction? {
        if case .end = try peek().kind { return nil }
        let restriction = try parseOr()
        let next = try peek()
        switch next.kind {
        case .end: return restriction
        case .close:
            throw errors.unexpected(next.described, at: next.position, expected: "'and', 'or' or the end of the filter (there is no '(' to close)")
        default:
            throw errors.unexpected(next.described, at: next.position, expected: "'and', 'or' or the end of the filter" + valuesHint(next))
        }
    }

    mutating func parseOr() throws -> Restriction {
        var parts = [try parseAnd()]
        while try peek().isWord("or") {
            try advance()
            parts.append(try parseAnd())
        }
        return Self.combine(parts, and: false)
    }

    mutating func parseAnd() throws -> Restriction {
        var parts = [try parsePrimary()]
        while try peek().isWord("and") {
            try advance()
            parts.append(try parsePrimary())
        }
        return Self.combine(parts, and: true)
    }

    /// `.and`/`.or` of `parts`, flattened: an `and` inside an `and` gives its parts.
    static func combine(_ parts: [Restriction], and: Bool) -> Restriction {
        guard parts.count > 1 else { return parts[0] }
        var flat: [Restriction] = []
        for part in parts {
            switch (part, and) {
            case (.and(let inner), true), (.or(let inner), false): flat += inner
            default: flat.append(part)
            }
        }
        return and ? .and(flat) : .or(flat)
    }

    mutating func parsePrimary() throws -> Restriction {
        let token = try peek()
        let expected = "a condition" + (previous.map { " after \($0.described)" } ?? "")
        switch token.kind {
        case .open:
            return try parseGroup()
        case .word(let word):
            if token.isConnective {
                throw errors.unexpected(token.described, at: token.position, expected: expected)
            }
            if let function = FilterFunction(name: word), case .open = peekSecond()?.kind {
                return try parseFunction(function)
            }
            if token.isWord("not"), let second = peekSecond(), second.word != nil || second.kind == .open {
                throw errors.unexpected(
                    token.described, at: token.position,
                    expected: "a condition; there is no 'not': use a negative operator such as ne, isNot, notBegins, notContains or notOneOf, or 'eq false' after startswith, endswith or substringof")
            }
            return try parseCondition()
        default:
            throw errors.unexpected(token.described, at: token.position, expected: expected + " (a column name, a function or '(')")
        }
    }

    mutating func parseGroup() throws -> Restriction {
        let open = try advance()
        if case .close = try peek().kind {
            throw errors.error("empty parentheses at position \(open.position); expected a condition inside them", at: open.position)
        }
        guard depth < Self.maximumDepth else {
            throw errors.error("the '(' at position \(open.position) nests parentheses deeper than \(Self.maximumDepth) levels", at: open.position)
        }
        depth += 1
        defer { depth -= 1 }
        let inner = try parseOr()
        let next = try peek()
        switch next.kind {
        case .close:
            try advance()
            return inner
        case .end:
            throw errors.error("missing ')' to close the '(' at position \(open.position)", at: open.position)
        default:
            throw errors.unexpected(next.described, at: next.position, expected: "'and', 'or' or ')'" + valuesHint(next))
        }
    }

    // MARK: - Conditions

    mutating func parseCondition() throws -> Restriction {
        let column = try parseColumn()
        let token = try peek()
        let expected = "an operator after \(column.token.described)"
        let operatorName: String
        switch token.kind {
        case .symbol(let symbol):
            operatorName = symbol
        case .word where token.isWord("not"):
            throw errors.unexpected(
                token.described, at: token.position,
                expected: expected + "; there is no 'not': use a negative operator such as ne, isNot, notBegins, notContains or notOneOf")
        case .word(let word) where !token.isConnective && word.allSatisfy(\.isLetter):
            operatorName = word
        default:
            throw errors.unexpected(token.described, at: token.position, expected: expected)
        }
        let operatorToken = try advance()
        let values = try parseValues(after: operatorToken, required: Self.comparisonOperators.contains(operatorName.lowercased()))
        return .condition(Condition(
            column.name, operatorName, values.map(\.value), position: column.token.position,
            partPositions: Condition.PartPositions(operator: operatorToken.position, values: values.map(\.position))))
    }

    /// A column name: a word of letters, digits, `_`, `.` and `/`.
    mutating func parseColumn(expected: String = "a column name") throws -> (name: String, token: FilterToken) {
        let token = try peek()
        guard let word = token.word, word.isColumnName else {
            throw errors.unexpected(token.described, at: token.position, expected: expected + " (letters, digits, '_', '.' and '/')")
        }
        try advance()
        return (word, token)
    }

    /// A value with where it is written.
    typealias PositionedValue = (value: RestrictionValue, position: Int)

    /// The values after an operator: none (before `and`, `or`, `)` or the end), one, or a
    /// parenthesised list.
    mutating func parseValues(after operatorToken: FilterToken, required: Bool) throws -> [PositionedValue] {
        let token = try peek()
        let expected = "a value after \(operatorToken.described)"
        switch token.kind {
        case .end, .close:
            if required { throw errors.unexpected(token.described, at: token.position, expected: expected) }
            return []
        case .word where token.isConnective:
            if required { throw errors.unexpected(token.described, at: token.position, expected: expected) }
            return []
        case .word(let word):
            try advance()
            return [(.word(word), token.position)]
        case .string(let text):
            try advance()
            return [(.string(text), token.position)]
        case .open:
            return try parseList(after: operatorToken)
        default:
            throw errors.unexpected(token.described, at: token.position, expected: expected)
        }
    }

    /// `(value, value, …)`.
    mutating func parseList(after operatorToken: FilterToken) throws -> [PositionedValue] {
        let open = try advance()
        if case .close = try peek().kind {
            throw errors.error(
                "empty list at position \(open.position); expected one or more values inside the parentheses after \(operatorToken.described)",
                at: open.position)
        }
        var values: [PositionedValue] = []
        while true {
            let token = try peek()
            switch token.kind {
            case .word(let word): values.append((.word(word), token.position))
            case .string(let text): values.append((.string(text), token.position))
            case .end: throw errors.error("missing ')' to close the list opened at position \(open.position)", at: open.position)
            case .open:
                throw errors.unexpected(token.described, at: token.position, expected: "a value (lists do not nest)")
            default:
                throw errors.unexpected(token.described, at: token.position, expected: "a value" + (values.isEmpty ? "" : " after ','"))
            }
            try advance()
            let next = try peek()
            switch next.kind {
            case .comma: try advance()
            case .close:
                try advance()
                return values
            case .end: throw errors.error("missing ')' to close the list opened at position \(open.position)", at: open.position)
            default:
                throw errors.unexpected(next.described, at: next.position, expected: "',' or ')' in the list opened at position \(open.position)")
            }
        }
    }

    /// A hint for a value that follows a value: several values go in parentheses.
    func valuesHint(_ token: FilterToken) -> String {
        switch (previous?.kind, token.kind) {
        case (.word?, .word), (.word?, .string), (.string?, .word), (.string?, .string):
            " (join conditions with 'and' or 'or'; write several values in parentheses, such as (1, 2))"
        default:
            ""
        }
    }
}
