/// Finds catalog columns by name, and suggests the closest names for a name it does not know.
struct ColumnResolver {
    let catalog: ProviderCatalog

    func column(_ name: String) throws -> ColumnDefinition {
        if let column = catalog.column(named: name) { return column }
        let suggestions = closestNames(to: name)
        var message = "'\(name)' is not a column of the \(catalog.name) provider"
        if !suggestions.isEmpty { message += "; did you mean \(suggestions.map { "'\($0)'" }.joined(separator: ", "))?" }
        throw ArchiveError(.unknownColumn, message, suggestions: suggestions)
    }

    /// Up to three column names close to `name`: same last path segment first, then by edit distance.
    func closestNames(to name: String) -> [String] {
        let wanted = name.lowercased().replacing("___", with: "/")
        let wantedLeaf = wanted.split(separator: "/").last.map(String.init) ?? wanted
        let scored = catalog.columns.filter(\.isVisible).map { column -> (String, Int) in
            let candidate = column.name.lowercased()
            let leaf = candidate.split(separator: "/").last.map(String.init) ?? candidate
            var distance = min(EditDistance.between(wanted, candidate), EditDistance.between(wantedLeaf, leaf) + 1)
            if leaf == wantedLeaf { distance = min(distance, 1) }
            return (column.name, distance)
        }
        let limit = max(2, wanted.count / 3)
        return scored.filter { $0.1 <= limit }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.prefix(3).map(\.0)
    }
}
