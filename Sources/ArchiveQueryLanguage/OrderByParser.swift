public import ArchiveCore

/// Parses `$orderBy` values: `column [asc|desc], …`.
///
/// ```swift
/// try OrderByParser.parse("person/lastName desc, whenRequested")
/// // [OrderItem("person/lastName", .descending), OrderItem("whenRequested")]
/// ```
///
/// The direction is `asc` (the default) or `desc`, in any case. A column may also be an
/// aggregate of `$select` as written there (`Count(chatSessionId) desc`), which orders groups.
public enum OrderByParser {
    /// The order a `$orderBy` value describes; `[]` when it is empty.
    ///
    /// - Throws: ``ArchiveError`` of kind `syntax` for `$orderBy`, positioned at the offending
    ///   word: an empty item, an unknown direction, a word after the direction.
    public static func parse(_ text: String) throws -> [OrderItem] {
        try items(text).map(\.item)
    }

    /// One parsed item, with where its column is written.
    struct Item {
        let item: OrderItem
        /// The 1-based position of the column in the option value.
        let position: Int
        /// Whether the column is an aggregate spec (`Count(chatSessionId)`) rather than a name.
        let isAggregate: Bool
    }

    static func items(_ text: String) throws -> [Item] {
        guard text.contains(where: { !$0.isWhitespace }) else { return [] }
        let errors = SyntaxError(option: QueryOption.orderBy.rawValue)
        let columns = ColumnItemParser(errors: errors)
        return try ListSplitter.split(text, joiningModifiers: true).map { item in
            guard !item.text.isEmpty else {
                throw errors.error("empty item at position \(item.position); expected a column name between the commas", at: item.position)
            }
            let words = wordsOutsideParentheses(item)
            let column = try columns.parse(words[0])
            var direction = SortDirection.ascending
            if words.count > 1 {
                switch words[1].text.lowercased() {
                case "asc": direction = .ascending
                case "desc": direction = .descending
                default:
                    throw errors.unexpected(quoted(words[1].text), at: words[1].position, expected: "'asc' or 'desc' after \(quoted(words[0].text))")
                }
            }
            if words.count > 2 {
                throw errors.unexpected(
                    quoted(words[2].text), at: words[2].position,
                    expected: "',' or the end after \(quoted(words[0].text + " " + words[1].text))")
            }
            let isAggregate = if case .aggregate = column.spec { true } else { false }
            return Item(item: OrderItem(words[0].text, direction), position: column.position, isAggregate: isAggregate)
        }
    }

    /// The words of an item, split at spaces outside parentheses.
    private static func wordsOutsideParentheses(_ item: ListItem) -> [ListItem] {
        var words: [ListItem] = []
        var current = "", start = 0, depth = 0
        for (offset, character) in item.text.enumerated() {
            if character.isWhitespace && depth == 0 {
                if !current.isEmpty { words.append(ListItem(text: current, position: item.position + start)) }
                current = ""
                continue
            }
            if current.isEmpty { start = offset }
            if character == "(" { depth += 1 }
            if character == ")" { depth = max(0, depth - 1) }
            current.append(character)
        }
        if !current.isEmpty { words.append(ListItem(text: current, position: item.position + start)) }
        return words
    }
}
