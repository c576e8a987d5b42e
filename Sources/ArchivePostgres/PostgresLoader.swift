import ArchiveCore
import ArchiveSQLite
import ArchiveSchema
import NIOCore
import Foundation
import PostgresNIO

/// Copies a SQLite archive into a PostgreSQL database with `COPY`: the tables first, then the
/// rows, then the indexes and foreign keys (building an index once is faster than keeping it up
/// to date row by row), all in one transaction, then `ANALYZE`.
///
/// This is how `archive seed` fills a PostgreSQL archive (it seeds a temporary SQLite file and
/// loads it), and how an existing SQLite archive moves to a server.
public enum PostgresLoader {
    /// How far the copy is.
    public struct Progress: Sendable, Equatable {
        /// The table being copied, or nil while the indexes are built.
        public let table: String?
        /// Rows copied so far, of every table.
        public let completed: Int
        /// Rows to copy, of every table.
        public let total: Int
    }

    /// Why a load was refused.
    public enum LoadError: Error, Sendable, Equatable, CustomStringConvertible {
        case notEmpty(address: String, version: Int)
        case cancelled
        /// A table or column name of the SQLite file that is not a plain identifier.
        case unexpectedName(String)

        public var description: String {
            switch self {
            case let .notEmpty(address, version):
                "\(address) already holds an archive (schema version \(version)); pass --force to replace it"
            case .cancelled: "the load was cancelled; the PostgreSQL database is as it was"
            case .unexpectedName(let name): "the SQLite file has a table or column named '\(name)', which is not one of the schema's plain names"
            }
        }
    }

    /// The SQLite tables that have no counterpart to copy into.
    static let notCopied: Set<String> = ["archive_id_high_water", "chat_change", "archive_write_context", "webhook", "chat_change_pruned", "chat_count"]

    /// Bytes sent per `COPY` message.
    static let chunkSize = 256 * 1024

    /// Loads the archive in `sqlitePath` (which must be at the current schema version).
    ///
    /// - Parameters:
    ///   - replacing: Drops the archive already in the database first (in the same transaction,
    ///     so a failed load keeps it). Without it, a database holding an archive is refused.
    /// - Returns: The rows copied per table.
    /// - Throws: ``LoadError``, ``SchemaError`` for a database holding other tables or a file that
    ///   is not a current archive, or the ``PostgresError`` that stopped the load (rolled back).
    @discardableResult
    public static func load(
        sqlitePath: String, into session: PostgresSession, replacing: Bool,
        progress: @escaping (Progress) -> Void = { _ in }, isCancelled: @escaping @Sendable () -> Bool = { false }
    ) throws -> [String: Int] {
        let source = try Connection(path: sqlitePath, mode: .readOnly, configuration: .reading)
        defer { source.close() }
        try Migrator.requireCurrent(source)
        // The ids SQLite's archive deleted are kept by PostgreSQL's sequences instead (below). The
        // change feed starts anew: its positions belong to the file's archive, and its writers'
        // settings are the transactions' own on PostgreSQL.
        let tables = try source.rows("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite%' ORDER BY rowid")
            .compactMap { $0[0].textValue }.filter { !Self.notCopied.contains($0) }
        var counts: [String: Int] = [:]
        for table in tables { counts[table] = Int(try source.scalar("SELECT count(*) FROM \(quote(table))")?.integerValue ?? 0) }
        let total = counts.values.reduce(0, +)

        let existing = try PostgresMigrator.version(of: session)
        if existing > 0 && !replacing { throw LoadError.notEmpty(address: session.address.description, version: existing) }
        try session.transaction {
            if existing > 0 { try dropArchive(tables: tables, session) }
            // Refuses a database holding tables other than an archive's.
            try PostgresMigrator.migrate(session, withIndexes: false)
            // The baseline's tables are loaded before their indexes; the later migrations' tables
            // once those migrations have created them.
            let (early, late) = try partition(tables, existingIn: session)
            var completed = 0
            func load(_ table: String) throws {
                progress(Progress(table: table, completed: completed, total: total))
                try copy(table: table, from: source, into: session, isCancelled: isCancelled) { rows in
                    progress(Progress(table: table, completed: completed + rows, total: total))
                }
                completed += counts[table] ?? 0
            }
            for table in early { try load(table) }
            if isCancelled() { throw LoadError.cancelled }
            // Also moves each identity past the loaded ids (the schema's last statements).
            try PostgresMigrator.createIndexes(session)
            _ = try PostgresMigrator.upgrade(session, from: PostgreSQLSchema.baselineVersion)
            for table in late { try load(table) }
            progress(Progress(table: nil, completed: completed, total: total))
            if isCancelled() { throw LoadError.cancelled }
            try continueIdentities(of: late, session)
            try keepDeletedIDs(from: source, session)
            try continueFeedPositions(from: source, session)
        }
        try session.execute("ANALYZE")
        return counts
    }

    /// The tables the baseline has created, and those a later migration creates, in the file's order.
    static func partition(_ tables: [String], existingIn session: PostgresSession) throws -> (early: [String], late: [String]) {
        var existing: Set<String> = []
        try session.forEachRow("SELECT table_name::text FROM information_schema.tables WHERE table_schema = current_schema()", []) { row in
            if let name = row.value(at: 0).textValue { existing.insert(name) }
        }
        return (tables.filter(existing.contains), tables.filter { !existing.contains($0) })
    }

    /// Moves the identity of each loaded table that has one past its largest loaded id.
    static func continueIdentities(of tables: [String], _ session: PostgresSession) throws {
        for table in tables {
            var hasIdentity = false
            let sql = """
                SELECT EXISTS (SELECT 1 FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name = $1 AND column_name = 'id' AND is_identity = 'YES')
                """
            try session.forEachRow(sql, [.text(table)]) { row in
                hasIdentity = row.value(at: 0) == .integer(1) || row.value(at: 0).textValue == "t"
            }
            if hasIdentity { try session.advanceIdentity(of: quote(table)) }
        }
    }

    /// Moves each identity past the largest id the SQLite archive ever deleted, so that PostgreSQL
    /// never hands out an id the file's archive had given (SQLite's `archive_id_high_water`).
    static func keepDeletedIDs(from source: Connection, _ session: PostgresSession) throws {
        for row in try source.rows("SELECT table_name, last_id FROM archive_id_high_water") {
            guard let table = row[0].textValue, let last = row[1].integerValue else { continue }
            try session.execute(
                "SELECT setval(pg_get_serial_sequence($1, 'id'), GREATEST($2 + 1, nextval(pg_get_serial_sequence($1, 'id'))), false)",
                [.text(table), .integer(last)])
        }
    }

    /// Starts the feed after the file's last position, marked as pruned up to it: the file's
    /// changes are not copied, so a delta link made against the file is answered 410 rather
    /// than given a delta with changes missing, and new positions never repeat old ones.
    static func continueFeedPositions(from source: Connection, _ session: PostgresSession) throws {
        let held = try source.scalar("SELECT coalesce(max(seq), 0) FROM chat_change")?.integerValue ?? 0
        let pruned = try source.scalar("SELECT pruned_through FROM chat_change_pruned WHERE id = 1")?.integerValue ?? 0
        let last = max(held, pruned)
        guard last > 0 else { return }
        try session.execute("SELECT setval('chat_change_seq', $1, true)", [.integer(last)])
        try session.execute("UPDATE chat_change_pruned SET pruned_through = $1 WHERE id = 1", [.integer(last)])
    }

    /// Drops what the archive's schema creates.
    static func dropArchive(tables: [String], _ session: PostgresSession) throws {
        for table in tables.reversed() { try session.execute("DROP TABLE IF EXISTS \(quote(table)) CASCADE") }
        try session.execute("DROP TABLE IF EXISTS \(PostgresMigrator.versionTable)")
        for statement in PostgreSQLSchema.migrationDrops { try session.execute(statement) }
        try session.execute("DROP FUNCTION IF EXISTS archive_fold(text)")
    }

    /// Streams one table's stored columns (generated ones are computed by PostgreSQL) as `COPY`
    /// text: tab-separated, `\N` for NULL, backslash escapes.
    static func copy(
        table: String, from source: Connection, into session: PostgresSession, isCancelled: @escaping @Sendable () -> Bool,
        copied: @escaping (Int) -> Void
    ) throws {
        let columns = try source.rows("SELECT name FROM pragma_table_xinfo(?) WHERE hidden = 0 ORDER BY cid", [table]).compactMap { $0[0].textValue }
        let statement = try source.prepare("SELECT \(columns.map(quote).joined(separator: ", ")) FROM \(quote(table))")
        // Used by the copy task alone while this thread waits for it.
        let reading = Handoff((statement: statement, copied: copied))
        let connection = session.connection
        let logger = session.logger
        // PostgresNIO puts the names between double quotes as they are, without escaping:
        // only the schema's plain names may pass.
        for name in [table] + columns where !name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) {
            throw LoadError.unexpectedName(name)
        }
        do {
            try BlockingBridge.wait {
                try await connection.copyFrom(table: table, columns: columns, logger: logger) { writer in
                    var buffer = ByteBuffer()
                    buffer.reserveCapacity(chunkSize + 4096)
                    var rows = 0
                    while try reading.value.statement.step() {
                        appendRow(reading.value.statement, columns: columns.count, to: &buffer)
                        rows += 1
                        if buffer.readableBytes >= chunkSize {
                            if isCancelled() { throw LoadError.cancelled }
                            try await writer.write(buffer)
                            buffer.clear()
                            reading.value.copied(rows)
                        }
                    }
                    if buffer.readableBytes > 0 { try await writer.write(buffer) }
                    reading.value.copied(rows)
                }
            }
        } catch let error as LoadError {
            throw error
        } catch {
            throw PostgresError.from(error, doing: "copying \(table)")
        }
    }

    /// One row in `COPY`'s text format.
    static func appendRow(_ statement: Statement, columns: Int, to buffer: inout ByteBuffer) {
        for index in 0..<columns {
            if index > 0 { buffer.writeInteger(UInt8(ascii: "\t")) }
            switch statement.columnType(at: index) {
            case .null: buffer.writeStaticString("\\N")
            case .integer: buffer.writeString(String(statement.int64(at: index)))
            case .real:
                let value = statement.double(at: index)
                buffer.writeString(value.isFinite ? "\(value)" : (value.isNaN ? "NaN" : (value > 0 ? "Infinity" : "-Infinity")))
            case .text: statement.withUTF8(at: index) { appendEscaped($0 ?? UnsafeBufferPointer(start: nil, count: 0), to: &buffer) }
            case .blob:
                // bytea's hex form, its backslash escaped for COPY.
                buffer.writeStaticString("\\\\x")
                for byte in statement.blob(at: index) ?? [] {
                    buffer.writeInteger(hexDigits[Int(byte >> 4)])
                    buffer.writeInteger(hexDigits[Int(byte & 0xF)])
                }
            }
        }
        buffer.writeInteger(UInt8(ascii: "\n"))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Text with COPY's special bytes escaped: backslash, tab, newline, carriage return.
    static func appendEscaped(_ text: UnsafeBufferPointer<UInt8>, to buffer: inout ByteBuffer) {
        let special: (UInt8) -> Bool = { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }
        guard text.contains(where: special) else {
            buffer.writeBytes(text)
            return
        }
        for byte in text {
            switch byte {
            case UInt8(ascii: "\\"): buffer.writeStaticString("\\\\")
            case UInt8(ascii: "\t"): buffer.writeStaticString("\\t")
            case UInt8(ascii: "\n"): buffer.writeStaticString("\\n")
            case UInt8(ascii: "\r"): buffer.writeStaticString("\\r")
            default: buffer.writeInteger(byte)
            }
        }
    }

    /// An identifier in double quotes (the names come from the archive's own schema).
    static func quote(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
}
