import ArchiveEngines
import ArgumentParser

struct InfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Show an archive's schema version, tables with row counts, and size."
    )

    @OptionGroup var database: ArchiveLocationOption

    func run() throws {
        let location = try database.location
        let description = try Archives.describe(location)
        let width = description.tableRowCounts.keys.map(\.count).max() ?? 5
        print("Archive:        \(location) (\(formatBytes(description.sizeBytes)))")
        print("Schema version: \(description.schemaVersion) (this engine: \(description.currentSchemaVersion))")
        for (name, value) in description.details { print("\((name + ":").rightPadded(16))\(value)") }
        print("Engine:         \(description.engine)")
        print("Tables:")
        for (table, count) in description.tableRowCounts.sorted(by: { $0.key < $1.key }) {
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
