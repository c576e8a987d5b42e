
/// Case-insensitive text matching with only SQLite's built-in operators (PostgreSQL writes the
/// same predicates its own way: `StatementRenderer+PostgreSQL.swift`).
///
/// For needles of ASCII characters, `LIKE` (case-insensitive for ASCII) and comparisons under
/// `COLLATE NOCASE` do the job and can use the NOCASE indexes. `NOCASE` and `LIKE` only fold ASCII
/// letters, so a needle with other letters (`Ø`, `ä`, `é`) is matched with `GLOB` and a character
/// class per letter (`[Øø]`), which is exact for every letter with a one-to-one case mapping.
/// Wildcards in a needle (`%`, `_`, `*`, `?`, `[`) always match themselves.
enum TextMatch {
    enum Kind {
        case prefix, substring, suffix, whole
    }

    /// A predicate matching `expression` against `needle`, the needle a bound value.
    static func predicate(_ expression: SQLExpression, _ kind: Kind, _ needle: String) -> SQLExpression {
        func text(_ value: String) -> SQLExpression { .value(.text(value)) }
        if needle.unicodeScalars.allSatisfy(\.isASCII) {
            switch kind {
            case .whole:
                return .caseInsensitive(expression, .equal, text(needle))
            case .prefix:
                // A NOCASE range is the same set as LIKE 'needle%' for ASCII, and can walk an index.
                if let upper = upperBound(ofPrefix: needle) {
                    return .and([.caseInsensitive(expression, .greaterOrEqual, text(needle)), .caseInsensitive(expression, .less, text(upper))])
                }
                return .like(expression, text(likeEscaped(needle) + "%"))
            case .substring:
                return .like(expression, text("%" + likeEscaped(needle) + "%"))
            case .suffix:
                return .like(expression, text("%" + likeEscaped(needle)))
            }
        }
        let pattern = globClasses(needle)
        switch kind {
        case .whole: return .glob(expression, text(pattern))
        case .prefix: return .glob(expression, text(pattern + "*"))
        case .substring: return .glob(expression, text("*" + pattern + "*"))
        case .suffix: return .glob(expression, text("*" + pattern))
        }
    }

    /// The needle with `\`, `%` and `_` escaped for `LIKE … ESCAPE '\'`.
    static func likeEscaped(_ needle: String) -> String {
        var result = ""
        for character in needle {
            if character == "\\" || character == "%" || character == "_" { result.append("\\") }
            result.append(character)
        }
        return result
    }

    /// The needle as a GLOB pattern matching itself case-insensitively.
    static func globClasses(_ needle: String) -> String {
        var result = ""
        for character in needle {
            switch character {
            case "*", "?", "[":
                result += "[\(character)]"
            default:
                let lower = character.lowercased(), upper = character.uppercased()
                if lower != upper, lower.count == 1, upper.count == 1 {
                    result += "[\(lower)\(upper)]"
                } else {
                    result.append(character)
                }
            }
        }
        return result
    }

    /// The smallest string above every string that starts with `prefix` (ASCII, under NOCASE):
    /// the lower-cased prefix with its last character incremented.
    static func upperBound(ofPrefix prefix: String) -> String? {
        var scalars = Array(prefix.lowercased().unicodeScalars)
        guard let last = scalars.last, last.value < 0x7E, let next = Unicode.Scalar(last.value + 1) else { return nil }
        // Incrementing into 'A'…'Z' would be folded back by NOCASE; a prefix ending in '@' does that.
        guard !(0x41...0x5A).contains(next.value) else { return nil }
        scalars[scalars.count - 1] = next
        return String(String.UnicodeScalarView(scalars))
    }
}
