/// Why the provider cannot answer a query as asked: an unknown column, an operator the column's
/// type does not allow, a value of the wrong kind, …
///
/// Every message says what is wrong and what would be valid. The query-language layer fills in
/// the option (`$filter`, …) the problem was found in.
public struct ArchiveError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem it is; the raw value is the `ErrorType` the server answers with.
    public enum Kind: String, Sendable, Hashable {
        case unknownColumn = "UnknownColumn"
        case columnNotRestrictable = "ColumnNotRestrictable"
        case columnNotOrderable = "ColumnNotOrderable"
        case unknownOperator = "UnknownOperator"
        case operatorNotAllowed = "OperatorNotAllowed"
        case wrongValueCount = "WrongValueCount"
        case invalidValue = "InvalidValue"
        case unknownEntity = "UnknownEntity"
        case invalidAggregate = "InvalidAggregate"
        case invalidPaging = "InvalidPaging"
        case invalidCursor = "InvalidCursor"
        case syntax = "SyntaxError"
        case invalidOption = "InvalidOption"
        /// A definition in the archive (a user-defined field's) that the engine cannot read.
        case invalidDefinition = "InvalidDefinition"
        /// A delta link older than the change feed keeps (HTTP 410).
        case expiredDelta = "DeltaLinkExpired"
    }

    /// What kind of problem it is.
    public let kind: Kind
    /// What is wrong and what would be valid, for people, without the option's name.
    public let message: String
    /// The query option the problem is in (`$filter`, `$orderBy`, …), when known.
    public var option: String?
    /// The 1-based character position in that option, when known.
    public var position: Int?
    /// Valid alternatives, closest first (for an unknown column: the closest column names).
    public var suggestions: [String]

    /// An error of `kind` saying `message`; the option, position and suggestions are optional.
    public init(_ kind: Kind, _ message: String, option: String? = nil, position: Int? = nil, suggestions: [String] = []) {
        self.kind = kind
        self.message = message
        self.option = option
        self.position = position
        self.suggestions = suggestions
    }

    /// `$filter: … (at position 17)`: the option, the message, and the position when the
    /// message does not already give it.
    public var description: String {
        var text = message
        if let position, !message.contains("position") { text += " (at position \(position))" }
        return option.map { "\($0): \(text)" } ?? text
    }

    /// The same error, attributed to a query option.
    public func `in`(option: String) -> ArchiveError {
        var copy = self
        copy.option = copy.option ?? option
        return copy
    }
}

/// Runs `body`, attributing an ``ArchiveError`` it throws to the query option `option` (unless the
/// error already names one).
func attributing<T>(to option: String, _ body: () throws -> T) rethrows -> T {
    do {
        return try body()
    } catch let error as ArchiveError {
        throw error.in(option: option)
    }
}
