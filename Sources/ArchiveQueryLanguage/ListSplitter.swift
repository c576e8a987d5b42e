/// One item of a comma-separated option value: its text without surrounding spaces, and the
/// 1-based position of that text in the whole value (for an empty item, where it would be).
struct ListItem: Equatable {
    let text: String
    let position: Int
}

/// Splits `$select`, `$orderBy` and `$entities` values at their commas.
///
/// A comma inside parentheses does not split (`Count(a,b)` stays one item), nor does a comma
/// that continues an aggregate's modifiers: in `GroupBy(type):Header,Footer,Count(chatSessionId)`
/// the `Footer` after the first comma is a modifier of the `GroupBy`, the `Count` after the second
/// is the next column. A comma continues the modifiers when the item before it ends with
/// `)` followed by `:` modifiers and the next piece starts with a modifier that can be combined
/// with others (`Header`, `Footer`, `HideDetail`, `NoNegative`, `OnlyPositive`, or a level
/// number).
enum ListSplitter {
    /// The modifiers that can follow another modifier after a comma, lower-cased.
    static let combinableModifiers: Set<String> = ["header", "footer", "hidedetail", "nonegative", "onlypositive"]

    static func split(_ text: String, joiningModifiers: Bool) -> [ListItem] {
        let characters = Array(text)
        var items: [ListItem] = []
        var start = 0
        var depth = 0
        // Whether the item so far is `…(…):modifiers`: a `:` after its last closing parenthesis.
        var afterClose = false, hasModifiers = false
        for (index, character) in characters.enumerated() {
            switch character {
            case "(": depth += 1
            case ")":
                depth = max(0, depth - 1)
                if depth == 0 { (afterClose, hasModifiers) = (true, false) }
            case ":" where depth == 0 && afterClose:
                hasModifiers = true
            case "," where depth == 0:
                if joiningModifiers, hasModifiers, startsWithModifier(characters[(index + 1)...]) {
                    continue
                }
                items.append(item(characters, start..<index))
                start = index + 1
                (afterClose, hasModifiers) = (false, false)
            default: break
            }
        }
        items.append(item(characters, start..<characters.count))
        return items
    }

    private static func item(_ characters: [Character], _ range: Range<Int>) -> ListItem {
        var lower = range.lowerBound, upper = range.upperBound
        while lower < upper, characters[lower].isWhitespace { lower += 1 }
        while upper > lower, characters[upper - 1].isWhitespace { upper -= 1 }
        return ListItem(text: String(characters[lower..<upper]), position: lower + 1)
    }

    /// True when `rest` starts (after spaces) with a combinable modifier or a level number.
    private static func startsWithModifier(_ rest: ArraySlice<Character>) -> Bool {
        let trimmed = rest.drop(while: \.isWhitespace)
        let word = String(trimmed.prefix(while: { $0.isLetter || $0.isNumber }))
        guard !word.isEmpty else { return false }
        // `Footer/x` would be a column path, not the modifier `Footer`.
        if let next = trimmed.dropFirst(word.count).first, !(next.isWhitespace || next == "," || next == ":") { return false }
        return combinableModifiers.contains(word.lowercased()) || word.allSatisfy(\.isASCIIDigit)
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
