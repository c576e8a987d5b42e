import ArchiveCore
import ArchiveSQLite
internal import CSQLite

/// The floor of the benchmarks: the same SQL run through the bare C API, with nothing of this
/// project's Swift layer in between. Each column of each row is copied out as a Swift value
/// (`Int64`, `Double` or `String`), the least any consumer must do before the next step
/// overwrites SQLite's buffers.
final class RawSQLite {
    private var db: OpaquePointer?
    private var statements: [String: OpaquePointer] = [:]

    /// Opens `path` read-only with the same page cache and memory map as the engine's
    /// `configuration`, so both read through equally warm caches.
    init(path: String, configuration: Connection.Configuration) throws {
        SQLiteLibrary.prepare()
        guard sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nil) == SQLITE_OK else {
            throw SQLiteError(code: .cantOpen, message: "cannot open \(path)")
        }
        let pragmas = "PRAGMA mmap_size = \(configuration.memoryMapSize); PRAGMA cache_size = -\(configuration.cacheSizeKiB);"
        guard sqlite3_exec(db, pragmas, nil, nil, nil) == SQLITE_OK else {
            throw SQLiteError(code: .error, message: String(cString: sqlite3_errmsg(db)), sql: pragmas)
        }
    }

    deinit {
        for statement in statements.values { sqlite3_finalize(statement) }
        sqlite3_close(db)
    }

    /// Runs `sql` with `arguments` and returns the number of rows; prepares once per SQL text.
    func run(_ sql: String, _ arguments: [DatabaseValue]) throws -> Int {
        let statement: OpaquePointer
        if let cached = statements[sql] {
            statement = cached
        } else {
            var prepared: OpaquePointer?
            guard sqlite3_prepare_v3(db, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &prepared, nil) == SQLITE_OK, let prepared else {
                throw SQLiteError(code: .error, message: String(cString: sqlite3_errmsg(db)), sql: sql)
            }
            statements[sql] = prepared
            statement = prepared
        }
        defer { sqlite3_reset(statement) }
        for (offset, argument) in arguments.enumerated() {
            let index = Int32(offset + 1)
            switch argument {
            case .null: sqlite3_bind_null(statement, index)
            case .integer(let value): sqlite3_bind_int64(statement, index, value)
            case .real(let value): sqlite3_bind_double(statement, index, value)
            case .text(let value): csqlite_bind_text_transient(statement, index, value, -1)
            case .blob: sqlite3_bind_null(statement, index)
            }
        }
        var rows = 0
        let columns = sqlite3_column_count(statement)
        var checksum = 0
        while sqlite3_step(statement) == SQLITE_ROW {
            rows += 1
            for column in 0..<columns {
                switch sqlite3_column_type(statement, column) {
                case SQLITE_INTEGER: checksum &+= Int(sqlite3_column_int64(statement, column))
                case SQLITE_FLOAT: checksum &+= Int(sqlite3_column_double(statement, column))
                case SQLITE_TEXT:
                    let text = sqlite3_column_text(statement, column)!
                    let string = String(decoding: UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(statement, column))), as: UTF8.self)
                    checksum &+= string.utf8.count
                default: break
                }
            }
        }
        blackHole = checksum
        return rows
    }

    /// Keeps the column reads from being optimized away.
    private(set) var blackHole = 0
}
