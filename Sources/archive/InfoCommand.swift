import ArchiveSchema
import ArchiveSQLite
import ArgumentParser

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

struct InfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Show a database's schema version, tables with row counts, and file size."
    )

    @OptionGroup var database: DatabaseOption

    func run() throws {
        var status = stat()
        guard stat(database.db, &status) == 0 else {
            throw CommandError("no such file: \(database.db)")
        }
        let connection = try Connection(path: database.db, mode: .readOnly)
        defer { connection.close() }
        let version = try Migrator.version(of: connection)
        let journal = try connection.scalar("PRAGMA journal_mode")?.textValue ?? "?"
        let counts = try connection.tableRowCounts()
        let width = counts.keys.map(\.count).max() ?? 5
        print("File:           \(database.db) (\(formatBytes(Int64(status.st_size))))")
        print("Schema version: \(version) (this engine: \(ArchiveSchema.currentVersion))")
        print("Journal mode:   \(journal)")
        print("SQLite:         \(Connection.sqliteVersion)")
        print("Tables:")
        for (table, count) in counts.sorted(by: { $0.key < $1.key }) {
            print("  \(table.rightPadded(width))  \(String(count).leftPadded(12))")
        }
    }

    private func formatBytes(_ bytes: Int64) -> String {
        let units = ["bytes", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(bytes), unit = 0
        while value >= 1024 && unit < units.count - 1 { value /= 1024; unit += 1 }
        return unit == 0 ? "\(bytes) bytes" : "\((value * 10).rounded() / 10) \(units[unit])"
    }
}
