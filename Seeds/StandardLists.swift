public import ArchiveSQLite

/// The list items every archive starts with (`Data/lists.tsv`): the reference's chat statuses and
/// associate types, and the usual countries, languages, categories, positions and so on, with
/// their names in English, Norwegian, Swedish and German.
///
/// A seeded archive has them; `insertMissing(_:)` gives them to one that was created empty (an
/// import target), so that imported names find the same ids as in the archive they came from.
public enum StandardLists {
    /// Fills every list table that has no items with the standard ones; returns the items added.
    @discardableResult
    public static func insertMissing(_ connection: Connection) throws -> Int {
        var added = 0
        var empty: [String: Bool] = [:]
        for item in SeedData.shared.listItems {
            if empty[item.list] == nil {
                empty[item.list] = try connection.scalar("SELECT count(*) FROM \"\(item.list)\"")?.integerValue == 0
            }
            guard empty[item.list] == true else { continue }
            try connection.run(
                "INSERT INTO \"\(item.list)\" (id, name_en, name_no, name_sv, name_de, rank) VALUES (?, ?, ?, ?, ?, ?)",
                [Int64(item.id), item.names[0], item.names[1], item.names[2], item.names[3], Int64(item.id)])
            added += 1
        }
        return added
    }
}
