/// The result columns of a statement: each distinct expression once, by position.
struct SelectList {
    /// Writes expressions to tell which are the same as the dialect writes them.
    let renderer: StatementRenderer
    private(set) var expressions: [SQLExpression] = []
    private var positions: [RenderedStatement: Int] = [:]

    init(renderer: StatementRenderer) { self.renderer = renderer }

    /// The position of `expression` in the list, adding it if new.
    mutating func add(_ expression: SQLExpression) -> Int {
        let key = renderer.render(expression)
        if let index = positions[key] { return index }
        expressions.append(expression)
        positions[key] = expressions.count - 1
        return expressions.count - 1
    }
}

/// How one result cell is read from a statement's columns.
enum CellSource: Sendable {
    case field(index: Int, type: FieldType, zoned: Bool, hintIndex: Int?, hintKey: String?)
    case reference(idIndex: Int, textIndex: Int, hintKey: String?)
    case references(idsIndex: Int, textsIndex: Int)
    case constant(raw: String, display: LocalizedText)
    case flagText(index: Int, whenTrue: LocalizedText, whenFalse: LocalizedText)
    case pseudo
}

extension ColumnDefinition {
    /// The kind of value the column holds, for output formats.
    var valueKind: ValueKind {
        switch value {
        case .field(_, let type, _): .field(type)
        case .reference: .reference
        case .identifier: .identifier
        case .references: .references
        case .constant: .text
        case .flagText, .pseudo: .field(.bool)
        }
    }
}
