public import ArchiveCore

/// The list items every archive starts with (`Data/lists.tsv`): the reference's chat statuses and
/// associate types, and the usual countries, languages, categories, positions and so on, with
/// their names in English, Norwegian, Swedish and German.
///
/// A seeded archive has them; `insertMissing(_:)` gives them to one that was created empty (an
/// import target), so that imported names find the same ids as in the archive they came from.
public enum StandardLists {
    /// Fills every list table that has no items with the standard ones; returns the items added.
    @discardableResult
    public static func insertMissing(_ database: any ArchiveDatabase) throws -> Int {
        var added = 0
        var empty: [String: Bool] = [:]
        for item in SeedData.shared.listItems {
            if empty[item.list] == nil {
                empty[item.list] = try database.fetchOne("SELECT 1 FROM \(raw: item.list) LIMIT 1") == nil
            }
            guard empty[item.list] == true else { continue }
            let (id, names) = (Int64(item.id), item.names)
            try database.perform("""
                INSERT INTO \(raw: item.list) (id, name_en, name_no, name_sv, name_de, rank)
                VALUES (\(id), \(names[0]), \(names[1]), \(names[2]), \(names[3]), \(id))
                """)
            added += 1
        }
        // The lists' own ids were written: the next item a list gets has a fresh one.
        for list in Set(SeedData.shared.listItems.map(\.list)) where empty[list] == true { try database.advanceIdentity(of: list) }
        return added
    }
}
