import ArchiveCore

/// Reads the values of the scalar options (`$top`, `$mode`, `$jsonSafe`, …). Surrounding spaces
/// are ignored; anything else that is not one of the accepted spellings is an `invalidOption`
/// error naming the option, the value and what is accepted.
enum OptionValues {
    /// A whole number from 0 to `Int32.max`, digits only: no sign, no spaces inside, no decimals.
    static func count(_ value: String, option: QueryOption) throws -> Int {
        let text = value.trimmingWhitespace()
        guard !text.isEmpty, text.allSatisfy(\.isASCIIDigit), let number = Int32(text) else {
            throw invalid(option, value, expected: "a whole number from 0 to \(Int32.max)")
        }
        return Int(number)
    }

    /// `true`/`false`/`1`/`0`, in any case.
    static func bool(_ value: String, option: QueryOption) throws -> Bool {
        switch value.trimmingWhitespace().lowercased() {
        case "true", "1": return true
        case "false", "0": return false
        default: throw invalid(option, value, expected: "true or false (or 1 or 0)")
        }
    }

    static func mode(_ value: String) throws -> ResponseMode {
        switch value.trimmingWhitespace().lowercased() {
        case "slim": return .slim
        case "full", "wide": return .full
        default: throw invalid(.mode, value, expected: "Slim, Full or Wide")
        }
    }

    static func output(_ value: String) throws -> OutputStyle {
        switch value.trimmingWhitespace().lowercased() {
        case "logical": return .logical
        case "display": return .display
        case "typed": return .typed
        default: throw invalid(.output, value, expected: "Logical, Display or Typed")
        }
    }

    static func format(_ value: String) throws -> ResponseFormat {
        switch value.trimmingWhitespace().lowercased() {
        case "json", "application/json", "text/json": return .json
        case "xml", "application/xml", "text/xml": return .xml
        default: throw invalid(.format, value, expected: "json or xml (or application/json, text/json, application/xml, text/xml)")
        }
    }

    /// `$inlineCount`: `true`, `AllPages` and `Estimate` ask for the count; `false` and `None` do not.
    static func inlineCount(_ value: String) throws -> Bool {
        switch value.trimmingWhitespace().lowercased() {
        case "true", "allpages", "estimate": return true
        case "false", "none": return false
        default: throw invalid(.inlineCount, value, expected: "true, AllPages, Estimate, false or None")
        }
    }

    /// `$metadata`: `ALL` (the reference's default, also an empty value) or `true` asks for the
    /// column descriptions; `false` or `none` for rows as usual.
    static func metadata(_ value: String) throws -> Bool {
        switch value.trimmingWhitespace().lowercased() {
        case "", "all", "true", "1": return true
        case "false", "none", "0": return false
        default: throw invalid(.metadata, value, expected: "ALL (the column descriptions), true, false or none")
        }
    }

    /// `$entities`: names separated by commas, each trimmed; an empty value is nil (the default).
    static func entities(_ value: String) throws -> [String]? {
        guard value.contains(where: { !$0.isWhitespace }) else { return nil }
        let errors = SyntaxError(option: QueryOption.entities.rawValue)
        return try ListSplitter.split(value, joiningModifiers: false).map { item in
            guard !item.text.isEmpty else {
                throw errors.error("empty item at position \(item.position); expected an entity name between the commas", at: item.position)
            }
            return item.text
        }
    }

    static func invalid(_ option: QueryOption, _ value: String, expected: String) -> ArchiveError {
        ArchiveError(.invalidOption, "the value must be \(expected), not \(quoted(value))", option: option.rawValue)
    }
}

extension StringProtocol {
    func trimmingWhitespace() -> String {
        guard let first = firstIndex(where: { !$0.isWhitespace }), let last = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(self[first...last])
    }
}
