import ArchiveCore
import ArchiveSQLite
import ArchiveSchema

/// Inserts rows into one table through one prepared statement.
struct TableWriter {
    let table: String
    private let statement: Statement
    private let columnCount: Int

    init(_ connection: Connection, table: String, columns: [String]) throws {
        self.table = table
        self.columnCount = columns.count
        let placeholders = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        statement = try connection.prepare("INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(placeholders))")
    }

    /// Inserts one row; `values` are in the order of the columns given at creation.
    func insert(_ values: [DatabaseValue]) throws {
        precondition(values.count == columnCount, "\(table): \(values.count) values for \(columnCount) columns")
        for (offset, value) in values.enumerated() { try statement.bind(value, at: offset + 1) }
        try statement.runToCompletion()
    }
}

extension DatabaseValue {
    /// An optional text value, NULL when absent.
    static func text(_ value: String?) -> DatabaseValue { value.map { .text($0) } ?? .null }
    /// An optional integer value, NULL when absent.
    static func integer(_ value: Int?) -> DatabaseValue { value.map { .integer(Int64($0)) } ?? .null }
    /// A boolean as 0 or 1.
    static func flag(_ value: Bool) -> DatabaseValue { .integer(value ? 1 : 0) }
    /// A datetime in the storage format, NULL when absent.
    static func datetime(_ seconds: Int64?) -> DatabaseValue { seconds.map { .text(StoredDateTime.format($0)) } ?? .null }
}
