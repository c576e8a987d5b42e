import ArchiveCore
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
    case metadata = "$metadata"
    case deltaToken = "$deltatoken"

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
