/// One token of a `$filter` value, with the 1-based position of its first character.
struct FilterToken: Equatable {
    enum Kind: Equatable {
        /// A run of characters up to a space or one of `( ) , ' " = ! < >`: a column name, an
        /// operator word, a keyword, a function name or an unquoted value (`5`, `-3.5`, `week`).
        case word(String)
        /// A single-quoted string, its escapes resolved.
        case string(String)
        /// `=`, `==`, `!=`, `<>`, `<`, `>`, `<=` or `>=`.
        case symbol(String)
        case open
        case close
        case comma
        case end
        /// Text that cannot start a token; the message says why. Lexing stops here, and the parser
        /// reports it when it gets this far, so that errors come in the order they appear.
        case invalid(String)
    }

    let kind: Kind
    let position: Int
    /// The token as written (a string with its quotes), for messages.
    let text: String

    /// The token as messages show it: `'eq'`, `string 'Bob'`, `end of the filter`.
    var described: String {
        switch kind {
        case .string: "string \(quoted(text.dropFirst().dropLast()))"
        case .end: "end of the filter"
        default: quoted(text)
        }
    }

    var word: String? {
        if case .word(let word) = kind { word } else { nil }
    }

    /// True for the word `keyword`, in any case.
    func isWord(_ keyword: String) -> Bool {
        word?.lowercased() == keyword
    }

    /// True for `and` and `or`, which end a condition.
    var isConnective: Bool { isWord("and") || isWord("or") }
}

/// Splits a `$filter` value into tokens.
///
/// Strings are single-quoted. Inside one, `\'` and `''` both mean a quote and `\\` a backslash;
/// any other backslash is kept as it is, so `'C:\temp'` is `C:\temp`.
enum FilterLexer {
    /// Characters that end a word.
    private static let delimiters: Set<Character> = ["(", ")", ",", "'", "\"", "=", "!", "<", ">"]

    static func tokens(_ text: String) -> [FilterToken] {
        let characters = Array(text)
        var tokens: [FilterToken] = []
        var index = 0

        func add(_ kind: FilterToken.Kind, from start: Int) {
            tokens.append(FilterToken(kind: kind, position: start + 1, text: String(characters[start..<index])))
        }

        while index < characters.count {
            let start = index
            let character = characters[index]
            if character.isWhitespace {
                index += 1
                continue
            }
            switch character {
            case "(": index += 1; add(.open, from: start)
            case ")": index += 1; add(.close, from: start)
            case ",": index += 1; add(.comma, from: start)
            case "'":
                guard let (value, end) = string(characters, openingAt: start) else {
                    tokens.append(FilterToken(
                        kind: .invalid("unterminated string starting at position \(start + 1); expected a closing ' (write a quote inside a string as \\' or '')"),
                        position: start + 1, text: "'"))
                    return tokens
                }
                index = end
                add(.string(value), from: start)
            case "\"":
                tokens.append(FilterToken(
                    kind: .invalid("unexpected '\"' at position \(start + 1); strings are written in single quotes, such as 'Bob'"),
                    position: start + 1, text: "\""))
                return tokens
            case "=", "<", ">", "!":
                let next = index + 1 < characters.count ? characters[index + 1] : nil
                let pair = next.map { String([character, $0]) }
                if let pair, ["==", "!=", "<>", "<=", ">="].contains(pair) {
                    index += 2
                    add(.symbol(pair), from: start)
                } else if character == "!" {
                    tokens.append(FilterToken(
                        kind: .invalid("unexpected '!' at position \(start + 1); expected '!=' (there is no 'not': use a negative operator such as ne, isNot, notBegins, notContains or notOneOf)"),
                        position: start + 1, text: "!"))
                    return tokens
                } else {
                    index += 1
                    add(.symbol(String(character)), from: start)
                }
            default:
                while index < characters.count, !characters[index].isWhitespace, !delimiters.contains(characters[index]) {
                    index += 1
                }
                add(.word(String(characters[start..<index])), from: start)
            }
        }
        tokens.append(FilterToken(kind: .end, position: characters.count + 1, text: ""))
        return tokens
    }

    /// The string whose opening quote is at `start`, and the index after its closing quote; nil
    /// when it is not closed.
    private static func string(_ characters: [Character], openingAt start: Int) -> (String, Int)? {
        var value = ""
        var index = start + 1
        while index < characters.count {
            let character = characters[index]
            let next = index + 1 < characters.count ? characters[index + 1] : nil
            switch (character, next) {
            case ("\\", "'"), ("'", "'"):
                value.append("'")
                index += 2
            case ("\\", "\\"):
                value.append("\\")
                index += 2
            case ("'", _):
                return (value, index + 1)
            default:
                value.append(character)
                index += 1
            }
        }
        return nil
    }
}
