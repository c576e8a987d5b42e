public import ArchiveCore

/// The structured restrictions of the reference system's archive agents
/// (`ArchiveRestrictionInfo[]`): a flat list whose parentheses and connectives are written on
/// each item, turned into a ``Restriction`` tree.
///
/// Each item says how many parentheses open before it (`InterParenthesis` > 0) or close after it
/// (< 0), and how it joins the next item (`InterOperator`: `And`, `Or`; `None` counts as `And`).
/// `and` binds tighter than `or`, as in `$filter`. `[(a=2, +1, Or), (b=3, -1, And), (c=4, 0)]`
/// is `(a = 2 or b = 3) and c = 4`. Inactive items (`IsActive: false`) take no part.
///
/// ```swift
/// let restriction = try RestrictionList.restriction([
///     RestrictionList.Item(name: "rating", operator: ">", values: ["[I:3]"]),
/// ])
/// ```
public enum RestrictionList {
    /// How an item joins the next one.
    public enum Connective: Sendable, Equatable {
        case and, or

        /// `And`, `Or` or `None` (also their numbers 1, 2 and 0), in any case; nil otherwise.
        public init?(name: String) {
            switch name.lowercased() {
            case "and", "1", "none", "0", "": self = .and
            case "or", "2": self = .or
            default: return nil
            }
        }
    }

    /// One `ArchiveRestrictionInfo`.
    public struct Item: Sendable, Equatable {
        public var name: String
        public var `operator`: String
        /// As sent; values encoded the reference's way (`[I:10]`, `[A:3,4,5]`) are decoded.
        public var values: [String]
        public var isActive: Bool
        public var interParenthesis: Int
        public var interOperator: Connective

        public init(
            name: String, operator: String, values: [String] = [], isActive: Bool = true, interParenthesis: Int = 0,
            interOperator: Connective = .and
        ) {
            self.name = name
            self.operator = `operator`
            self.values = values
            self.isActive = isActive
            self.interParenthesis = interParenthesis
            self.interOperator = interOperator
        }
    }

    /// The restriction the active items describe; nil when none is active.
    ///
    /// - Throws: ``ArchiveError`` (`syntax`) when the parentheses do not balance, naming the item
    ///   (1-based) where that shows.
    public static func restriction(_ items: [Item]) throws -> Restriction? {
        let active = items.filter(\.isActive)
        guard !active.isEmpty else { return nil }
        // The items as a token stream: ( … atom … ) connective …
        enum Token { case open(Int), close(Int), atom(Int), connective(Connective) }
        var tokens: [Token] = []
        for (index, item) in active.enumerated() {
            for _ in 0..<max(0, item.interParenthesis) { tokens.append(.open(index)) }
            tokens.append(.atom(index))
            for _ in 0..<max(0, -item.interParenthesis) { tokens.append(.close(index)) }
            if index < active.count - 1 { tokens.append(.connective(item.interOperator)) }
        }
        let errors = SyntaxError(option: "Restriction")
        var position = 0
        func unbalanced(_ index: Int, _ problem: String) -> ArchiveError {
            errors.error("the restrictions' parentheses do not balance: \(problem) at restriction \(index + 1) ('\(active[index].name)')", at: index + 1)
        }
        func parseOr(depth: Int) throws -> Restriction {
            var parts = [try parseAnd(depth: depth)]
            while position < tokens.count, case .connective(.or) = tokens[position] {
                position += 1
                parts.append(try parseAnd(depth: depth))
            }
            return FilterGrammar.combine(parts, and: false)
        }
        func parseAnd(depth: Int) throws -> Restriction {
            var parts = [try parsePrimary(depth: depth)]
            while position < tokens.count, case .connective(.and) = tokens[position] {
                position += 1
                parts.append(try parsePrimary(depth: depth))
            }
            return FilterGrammar.combine(parts, and: true)
        }
        func parsePrimary(depth: Int) throws -> Restriction {
            guard position < tokens.count else { throw unbalanced(active.count - 1, "the list ends early") }
            switch tokens[position] {
            case .open(let index):
                guard depth < FilterGrammar.maximumDepth else { throw unbalanced(index, "more than \(FilterGrammar.maximumDepth) open") }
                position += 1
                let inner = try parseOr(depth: depth + 1)
                guard position < tokens.count, case .close = tokens[position] else { throw unbalanced(index, "a '(' is not closed") }
                position += 1
                return inner
            case .atom(let index):
                position += 1
                let item = active[index]
                return .condition(Condition(item.name, item.operator, item.values.flatMap(EncodedValue.decode)))
            case .close(let index):
                throw unbalanced(index, "a ')' closes nothing")
            case .connective:
                throw unbalanced(index(at: position), "a connective is out of place")
            }
        }
        func index(at position: Int) -> Int {
            switch tokens[position] {
            case .open(let index), .close(let index), .atom(let index): index
            case .connective: active.count - 1
            }
        }
        let restriction = try parseOr(depth: 0)
        if position < tokens.count { throw unbalanced(index(at: position), "a ')' closes nothing") }
        return restriction
    }
}

/// Values the reference's agents send encoded with its `CultureDataFormatter`: `[I:10]`,
/// `[F:12.5]`, `[M:12.50]`, `[D:09/11/2017]`, `[DT:11/09/2017 14:53:18.0000000]`, `[TS:500]`,
/// `[A:3,4,5]`, `[B:…]`; anything else is a plain value.
public enum EncodedValue {
    /// The values a sent value stands for: one, or several for an `[A:…]` list.
    public static func decode(_ text: String) -> [RestrictionValue] {
        guard text.hasPrefix("["), text.hasSuffix("]"), let colon = text.firstIndex(of: ":") else { return [.string(text)] }
        let marker = text[text.index(after: text.startIndex)..<colon]
        let body = String(text[text.index(after: colon)..<text.index(before: text.endIndex)])
        switch marker {
        case "I", "F", "M", "TS", "B": return [.string(body)]
        case "A": return body.split(separator: ",").map { .string($0.trimmingWhitespace()) }
        case "D", "DT": return [.string(isoDate(body) ?? body)]
        default: return [.string(text)]
        }
    }

    /// `MM/dd/yyyy[ HH:mm:ss[.fffffff]]` (invariant culture), or `dd.MM.yyyy`, as ISO
    /// `yyyy-MM-dd[THH:mm:ss]`; nil for anything else (passed on as written).
    static func isoDate(_ text: String) -> String? {
        let parts = text.split(separator: " ", maxSplits: 1)
        guard let datePart = parts.first else { return nil }
        let fields: [Substring]
        let month: Int?, day: Int?, year: Int?
        if datePart.contains("/") {
            fields = datePart.split(separator: "/")
            guard fields.count == 3 else { return nil }
            (month, day, year) = (Int(fields[0]), Int(fields[1]), Int(fields[2]))
        } else if datePart.contains(".") {
            fields = datePart.split(separator: ".")
            guard fields.count == 3 else { return nil }
            (day, month, year) = (Int(fields[0]), Int(fields[1]), Int(fields[2]))
        } else {
            return nil
        }
        guard let year, let month, let day, (1...12).contains(month), (1...31).contains(day) else { return nil }
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
        var iso = "\(year)-\(two(month))-\(two(day))"
        if parts.count == 2 {
            let time = parts[1].split(separator: ".").first.map(String.init) ?? ""
            iso += "T" + time
        }
        return iso
    }
}
