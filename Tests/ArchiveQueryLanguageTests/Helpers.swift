import ArchiveCore
import ArchiveQueryLanguage
import Testing

/// A quoted value.
func q(_ text: String) -> RestrictionValue { .string(text) }
/// A bare value.
func w(_ text: String) -> RestrictionValue { .word(text) }

/// One condition, its column written at `position`.
func c(_ column: String, _ op: String, _ values: [RestrictionValue] = [], at position: Int = 1) -> Restriction {
    .condition(Condition(column, op, values, position: position))
}

/// The error an option is expected to raise.
struct ExpectedError: Sendable {
    let kind: ArchiveError.Kind
    let option: String
    let position: Int?
    /// Words the message must contain (the offending token, what was expected).
    let words: [String]

    init(_ kind: ArchiveError.Kind, _ option: String, at position: Int?, _ words: [String]) {
        self.kind = kind
        self.option = option
        self.position = position
        self.words = words
    }

    /// Records an issue for every way `error` differs from this expectation.
    func check(_ error: ArchiveError, _ comment: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(error.kind == kind, "\(comment): \(error)", sourceLocation: sourceLocation)
        #expect(error.option == option, "\(comment): \(error)", sourceLocation: sourceLocation)
        #expect(error.position == position, "\(comment): \(error)", sourceLocation: sourceLocation)
        for word in words {
            #expect(error.message.contains(word), "\(comment): '\(word)' is not in \"\(error.message)\"", sourceLocation: sourceLocation)
        }
    }
}

/// The tree `$filter` parses into, without where each operator and value is written (the
/// exact-tree tests give only the columns' positions; ``FilterErrorTests`` checks the rest).
func parseTree(_ text: String) throws -> Restriction? {
    try FilterParser.parse(text)?.tree
}

extension Restriction {
    /// The restriction without its operators' and values' positions.
    var tree: Restriction {
        switch self {
        case .condition(var condition):
            condition.partPositions = nil
            return .condition(condition)
        case .and(let parts): return .and(parts.map(\.tree))
        case .or(let parts): return .or(parts.map(\.tree))
        }
    }
}
