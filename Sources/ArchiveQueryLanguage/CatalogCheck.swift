import ArchiveCore

/// Checks the columns of `$select` and `$orderBy` against the provider's catalog while their
/// positions are still known, so that the errors say where the column is written.
///
/// The provider checks them again when it plans the query; `$filter` columns are left to it
/// alone (each ``Condition`` keeps its position for that).
struct CatalogCheck {
    let catalog: ProviderCatalog

    func checkSelect(_ items: [SelectParser.Item]) throws {
        for item in items {
            try column(item.spec.baseColumn, option: .select, at: item.baseColumnPosition)
        }
    }

    /// Each column must exist and be orderable, or be an aggregate of `$select` as written there.
    func checkOrderBy(_ items: [OrderByParser.Item], select: [ColumnSpec]) throws {
        for item in items {
            let name = item.item.column
            if item.isAggregate {
                guard select.contains(where: { $0.key.lowercased() == name.lowercased() }) else {
                    throw ArchiveError(
                        .unknownColumn,
                        "\(quoted(name)) is an aggregate that $select does not have; to order by an aggregate, select it too, written the same way",
                        option: QueryOption.orderBy.rawValue, position: item.position)
                }
                continue
            }
            let definition = try column(name, option: .orderBy, at: item.position)
            guard definition.canOrderBy else {
                let orderable = catalog.closestColumnNames(to: name).filter { catalog.column(named: $0)?.canOrderBy == true }
                throw ArchiveError(
                    .columnNotOrderable,
                    "\(definition.name) cannot be ordered by" + (orderable.isEmpty ? "" : "; columns that can: \(orderable.joined(separator: ", "))"),
                    option: QueryOption.orderBy.rawValue, position: item.position, suggestions: orderable)
            }
        }
    }

    @discardableResult
    private func column(_ name: String, option: QueryOption, at position: Int) throws -> ColumnDefinition {
        if let column = catalog.column(named: name) { return column }
        let suggestions = catalog.closestColumnNames(to: name)
        var message = "\(quoted(name)) is not a column of the \(catalog.name) provider"
        if !suggestions.isEmpty { message += "; did you mean \(suggestions.map { quoted($0) }.joined(separator: ", "))?" }
        throw ArchiveError(.unknownColumn, message, option: option.rawValue, position: position, suggestions: suggestions)
    }
}
