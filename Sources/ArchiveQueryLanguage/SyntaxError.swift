import ArchiveCore

/// Builds the syntax errors of one query option, all worded the same way:
/// `unexpected ')' at position 17; expected a value after 'eq'`.
struct SyntaxError {
    /// The option as the client should see it (`$filter`).
    let option: String

    /// `unexpected <found> at position <position>; expected <expected>`.
    func unexpected(_ found: String, at position: Int, expected: String) -> ArchiveError {
        ArchiveError(.syntax, "unexpected \(found) at position \(position); expected \(expected)", option: option, position: position)
    }

    /// An error worded freely, still positioned.
    func error(_ message: String, at position: Int) -> ArchiveError {
        ArchiveError(.syntax, message, option: option, position: position)
    }
}

extension Character {
    /// Whether the character may appear in a column name: letters, digits, `_`, `.` and `/`
    /// (`person/lastName`, `postAddress___city`).
    var isColumnNameCharacter: Bool {
        isLetter || isNumber || self == "_" || self == "." || self == "/"
    }
}

/// How a piece of client text is quoted in messages: in single quotes, shortened when long.
func quoted(_ text: some StringProtocol) -> String {
    let limit = 40
    return text.count <= limit ? "'\(text)'" : "'\(text.prefix(limit))…'"
}
