public import ArchiveCore

/// Parses `$select` values: comma-separated column names and aggregate specs.
///
/// ```swift
/// try SelectParser.parse("chatSessionId, person/lastName")           // [.column(…), .column(…)]
/// try SelectParser.parse("GroupBy(type):Header,Footer,Count(chatSessionId)")
/// // [GroupBy(type):Header,Footer, Count(chatSessionId)]: Footer is a modifier, not a column
/// ```
///
/// An empty value means the provider's default columns (`[]`).
public enum SelectParser {
    /// The columns a `$select` value names, in order.
    ///
    /// - Throws: ``ArchiveError`` for `$select`, positioned in the whole value: `syntax` for an
    ///   empty item or a malformed name, `invalidAggregate` for a malformed aggregate spec.
    public static func parse(_ text: String) throws -> [ColumnSpec] {
        try items(text).map(\.spec)
    }

    /// One parsed item, with where its base column is written.
    struct Item {
        var spec: ColumnSpec
        /// The 1-based position of the item in the option value.
        var position: Int
        /// The 1-based position of ``ColumnSpec/baseColumn`` in the option value.
        var baseColumnPosition: Int
        /// The name given with `as` (`Count(chatSessionId) as chats`), if any.
        var name: String? = nil

        /// The key of the column in result rows: its name, or the spec as written.
        var key: String { name ?? spec.key }
    }

    static func items(_ text: String) throws -> [Item] {
        guard text.contains(where: { !$0.isWhitespace }) else { return [] }
        let errors = SyntaxError(option: QueryOption.select.rawValue)
        let items = try ListSplitter.split(text, joiningModifiers: true).map { listItem in
            let (column, name) = try Self.splitName(listItem, errors: errors)
            var item = try ColumnItemParser(errors: errors).parse(column)
            item.name = name
            return item
        }
        // A column is a key of each row: the same key twice would make a JSON object with two
        // members of one name.
        var seen: Set<String> = []
        for item in items where !seen.insert(item.key).inserted {
            throw errors.error("'\(item.key)' is selected twice (again at position \(item.position)); select each column once, or name one with 'as'", at: item.position)
        }
        return items
    }

    /// Splits `spec as name` into the spec and the name. A name is a letter or `_` followed by
    /// letters, digits and `_`, so that it is a CSV header, a JSON key and an XML element alike.
    static func splitName(_ item: ListItem, errors: SyntaxError) throws -> (ListItem, String?) {
        let characters = Array(item.text)
        var depth = 0
        var separator: Int?
        for index in characters.indices {
            switch characters[index] {
            case "(": depth += 1
            case ")": depth = max(0, depth - 1)
            case " " where depth == 0 && index + 3 < characters.count:
                if String(characters[(index + 1)...(index + 2)]).lowercased() == "as", characters[index + 3].isWhitespace { separator = index }
            default: break
            }
        }
        guard let separator else { return (item, nil) }
        let spec = String(characters[..<separator]).trimmingWhitespace()
        let nameStart = characters[(separator + 3)...].firstIndex { !$0.isWhitespace } ?? characters.count
        let name = String(characters[nameStart...]).trimmingWhitespace()
        let namePosition = item.position + nameStart
        guard let first = name.first, first.isLetter || first == "_", name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
            throw errors.unexpected(
                name.isEmpty ? "end of the item" : quoted(name), at: namePosition,
                expected: "a name after 'as': a letter or '_', then letters, digits or '_'")
        }
        return (ListItem(text: spec, position: item.position), name)
    }
}

/// Reads one item of `$select` or one column of `$orderBy`: a plain column name, or an aggregate
/// spec read by ``ColumnSpec/init(parsing:)`` with its errors moved into the whole option value.
struct ColumnItemParser {
    let errors: SyntaxError

    func parse(_ item: ListItem) throws -> SelectParser.Item {
        guard !item.text.isEmpty else {
            throw errors.error("empty item at position \(item.position); expected a column name between the commas", at: item.position)
        }
        guard item.text.contains("(") else {
            try checkPlainName(item)
            return SelectParser.Item(spec: .column(item.text), position: item.position, baseColumnPosition: item.position)
        }
        try checkNesting(item)
        let spec: ColumnSpec
        do {
            spec = try ColumnSpec(parsing: item.text)
        } catch var error as ArchiveError {
            error.option = errors.option
            error.position = item.position + (error.position ?? 1) - 1
            throw error
        }
        return SelectParser.Item(spec: spec, position: item.position, baseColumnPosition: item.position + baseColumnOffset(in: item.text))
    }

    /// Rejects characters a column name cannot have, naming the first.
    func checkPlainName(_ item: ListItem) throws {
        let characters = Array(item.text)
        guard let outside = item.text.firstIndexOutsideColumnName else { return }
        let bad = item.text.distance(from: item.text.startIndex, to: outside)
        let position = item.position + bad
        if characters[bad].isWhitespace {
            let next = characters[bad...].drop(while: \.isWhitespace)
            let word = String(next.prefix(while: { !$0.isWhitespace }))
            throw errors.unexpected(quoted(word), at: position + (characters[bad...].count - next.count), expected: "',' between column names")
        }
        throw errors.unexpected(
            quoted(String(characters[bad])), at: position,
            expected: "a column name (letters, digits, '_', '.' and '/') in \(quoted(item.text))")
    }

    /// Aggregates nest a few levels at most (`GroupBy(DatePart(whenRequested):Year)`); a bound
    /// keeps ``ColumnSpec/init(parsing:)``, which recurses, from exhausting the stack.
    func checkNesting(_ item: ListItem) throws {
        var depth = 0
        for (offset, character) in item.text.enumerated() {
            if character == "(" { depth += 1 }
            if character == ")" { depth -= 1 }
            if depth > Self.maximumNesting {
                let position = item.position + offset
                throw ArchiveError(
                    .invalidAggregate, "the '(' at position \(position) nests aggregates deeper than \(Self.maximumNesting) levels",
                    option: errors.option, position: position)
            }
        }
    }

    static let maximumNesting = 8

    /// Where the innermost argument of an aggregate spec starts: after its last `(`.
    private func baseColumnOffset(in text: String) -> Int {
        let characters = Array(text)
        guard let open = characters.lastIndex(of: "(") else { return 0 }
        var offset = open + 1
        while offset < characters.count, characters[offset].isWhitespace { offset += 1 }
        return offset
    }
}
