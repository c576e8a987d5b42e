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
    /// (`person/lastName`, `postAddress___city`); and `:` before a digit, see
    /// `firstIndexOutsideColumnName`.
    var isColumnNameCharacter: Bool {
        isLetter || isNumber || self == "_" || self == "." || self == "/"
    }
}

extension StringProtocol {
    /// Where the text stops being a column name: the first character a name cannot have, where
    /// a `:` followed by a digit is part of the name (the reference's user-defined fields,
    /// `person/personUdef/SuperOffice:1`); nil when the whole text is a name's.
    var firstIndexOutsideColumnName: Index? {
        var index = startIndex
        while index < endIndex {
            let next = self.index(after: index)
            let isColonInName = self[index] == ":" && index > startIndex && next < endIndex && self[next].isASCII && self[next].isNumber
            guard self[index].isColumnNameCharacter || isColonInName else { return index }
            index = next
        }
        return nil
    }

    /// Whether the whole text may be a column name.
    var isColumnName: Bool { firstIndexOutsideColumnName == nil }
}

/// How a piece of client text is quoted in messages: in single quotes, shortened when long.
func quoted(_ text: some StringProtocol) -> String {
    let limit = 40
    return text.count <= limit ? "'\(text)'" : "'\(text.prefix(limit))…'"
}
