#if canImport(Glibc)
import Glibc
#endif

/// The prepared statements of one connection, keyed by SQL text, least recently used evicted first.
struct StatementCache {
    private struct Entry {
        let statement: Statement
        var lastUse: UInt64
    }

    /// SQL text as a key, hashed by its length and its first and last bytes: a statement's
    /// text runs to kilobytes (an import's insert of a chat names some ninety columns) and is
    /// looked up for every execution. Texts that share those are told apart by comparing them,
    /// which for the very string the caller keeps is a comparison of storage.
    struct Key: Hashable {
        let sql: String

        /// Byte for byte, as SQLite reads the text (`String`'s `==` would also match text that is
        /// equal only once Unicode-normalized, and the hash takes bytes).
        static func == (lhs: Key, rhs: Key) -> Bool {
            var (left, right) = (lhs.sql, rhs.sql)
            return left.withUTF8 { left in
                right.withUTF8 { right in
                    left.count == right.count && (left.count == 0 || memcmp(left.baseAddress!, right.baseAddress!, left.count) == 0)
                }
            }
        }

        func hash(into hasher: inout Hasher) {
            var sql = sql
            sql.withUTF8 { bytes in
                hasher.combine(bytes.count)
                let edge = min(bytes.count, 48)
                hasher.combine(bytes: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[..<edge])))
                hasher.combine(bytes: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[(bytes.count - edge)...])))
            }
        }
    }

    let capacity: Int
    private var entries: [Key: Entry] = [:]
    private var clock: UInt64 = 0

    init(capacity: Int) { self.capacity = max(1, capacity) }

    var count: Int { entries.count }

    mutating func statement(for sql: String) -> Statement? {
        // One lookup (the SQL is hashed once): the entry is updated through its index.
        guard let index = entries.index(forKey: Key(sql: sql)) else { return nil }
        clock += 1
        entries.values[index].lastUse = clock
        return entries.values[index].statement
    }

    mutating func insert(_ statement: Statement) {
        clock += 1
        entries[Key(sql: statement.sql)] = Entry(statement: statement, lastUse: clock)
        if entries.count > capacity, let oldest = entries.min(by: { $0.value.lastUse < $1.value.lastUse }) {
            entries.removeValue(forKey: oldest.key)
        }
    }

    mutating func removeAll() { entries.removeAll() }
}

extension Connection {
    /// Returns a prepared statement for `sql` from this connection's cache, preparing it on first use.
    ///
    /// The statement comes back reset, with its bindings cleared. If the cached statement is still
    /// being stepped (a nested use of the same SQL), a fresh statement is prepared instead, so an
    /// outer iteration is never disturbed.
    ///
    /// - Throws: An ``SQLiteError`` when the SQL does not compile.
    public func cachedStatement(_ sql: String) throws -> Statement {
        try checkOpen(sql)
        if let statement = statementCache.statement(for: sql) {
            if statement.isBusy { return try prepare(sql) }
            statement.reset()
            statement.clearBindings()
            return statement
        }
        let statement = try Statement(connection: self, sql: sql, persistent: true)
        statementCache.insert(statement)
        return statement
    }

    /// How many statements the cache holds now.
    public var cachedStatementCount: Int { statementCache.count }
}
