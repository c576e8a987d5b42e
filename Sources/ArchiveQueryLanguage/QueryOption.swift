/// The query options a request may carry, by their canonical spelling (the one error messages use).
///
/// Names are matched case-insensitively: `$orderby`, `$orderBy` and `$ORDERBY` are one option.
enum QueryOption: String, CaseIterable, Sendable {
    case select = "$select"
    case filter = "$filter"
    case orderBy = "$orderBy"
    case top = "$top"
    case skip = "$skip"
    case skipToken = "$skiptoken"
    case mode = "$mode"
    case output = "$output"
    case jsonSafe = "$jsonSafe"
    case format = "$format"
    case inlineCount = "$inlineCount"
    case options = "$options"
    case context = "$context"
    case entities = "$entities"

    /// The option called `name`, whatever its case; nil for a name that is not an option.
    init?(name: String) {
        let wanted = name.lowercased()
        guard let option = Self.allCases.first(where: { $0.rawValue.lowercased() == wanted }) else { return nil }
        self = option
    }

    /// Every option name, the ones closest to `name` first, for "did you mean" messages.
    static func names(closestTo name: String) -> [String] {
        let wanted = name.lowercased()
        return allCases.enumerated()
            .map { (index, option) in (option.rawValue, EditDistance.between(wanted, option.rawValue.lowercased()), index) }
            .sorted { ($0.1, $0.2) < ($1.1, $1.2) }
            .map(\.0)
    }
}

/// Levenshtein distance, for suggesting the option a client probably meant.
enum EditDistance {
    static func between(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        var current = Array(repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
