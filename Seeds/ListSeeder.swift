import ArchiveCore
import ArchiveSQLite

/// Inserts the list tables' items from `Data/lists.tsv`.
enum ListSeeder {
    static func seed(_ connection: Connection, _ context: SeedContext) throws -> Int {
        var writers: [String: TableWriter] = [:]
        for item in context.data.listItems {
            if writers[item.list] == nil {
                writers[item.list] = try TableWriter(
                    connection, table: item.list, columns: ["id", "name_en", "name_no", "name_sv", "name_de", "rank"])
            }
            try writers[item.list]!.insert([.integer(Int64(item.id))] + item.names.map { .text($0) } + [.integer(Int64(item.id))])
        }
        return context.data.listItems.count
    }
}
