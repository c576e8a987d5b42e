/// A statement's shape: its text, and the types its values are bound as.
struct StatementShape: Hashable {
    let sql: String
    let types: [ParameterType]
}

/// The named statements one session has prepared on the server, by SQL text and parameter
/// types, with how each is to be planned; the least recently used is evicted first, so that the
/// server's memory for them stays bounded.
struct PreparedStatementCache<Statement> {
    typealias Key = StatementShape

    private struct Entry {
        let statement: Statement
        var plan = PlanChoice()
        var lastUse: UInt64
    }

    let capacity: Int
    private var entries: [Key: Entry] = [:]
    private var clock: UInt64 = 0

    init(capacity: Int) { self.capacity = max(0, capacity) }

    var count: Int { entries.count }

    /// The statement prepared for `key` and the mode of its next run, marked as used now.
    mutating func statement(for key: Key) -> (statement: Statement, mode: PlanMode)? {
        guard let index = entries.index(forKey: key) else { return nil }
        clock += 1
        entries.values[index].lastUse = clock
        return (entries.values[index].statement, entries.values[index].plan.next)
    }

    /// Records how long a run of the statement of `key` took in `mode`.
    mutating func record(_ key: Key, _ mode: PlanMode, _ elapsed: Duration) {
        guard let index = entries.index(forKey: key) else { return }
        entries.values[index].plan.record(mode, elapsed)
    }

    /// The mode chosen for the statement of `key`, once timed.
    func decidedMode(_ key: Key) -> PlanMode? { entries[key]?.plan.decided }

    /// Adds a statement; returns the one it evicts (to be deallocated), if the cache was full.
    mutating func insert(_ statement: Statement, for key: Key) -> Statement? {
        clock += 1
        entries[key] = Entry(statement: statement, lastUse: clock)
        guard entries.count > capacity, let oldest = entries.min(by: { $0.value.lastUse < $1.value.lastUse }) else { return nil }
        return entries.removeValue(forKey: oldest.key)?.statement
    }

    /// Forgets the statement of `key` and returns it.
    mutating func remove(_ key: Key) -> Statement? { entries.removeValue(forKey: key)?.statement }
}
