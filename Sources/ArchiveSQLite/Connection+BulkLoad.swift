import ArchiveCore

extension Connection {
    /// The triggers of `chat_session` whose work a bulk load does once for every chat: a trigger
    /// makes SQLite keep a statement journal for each insert (a copy of every page it changes),
    /// on top of the work itself, which in an import costs as much as the insert.
    static let triggersSetAsideInBulk = ["chat_session_created", "chat_session_changed", "chat_count_insert"]

    /// Runs `body` (inserts into an archive without chats, in the caller's transaction) with the
    /// triggers of ``triggersSetAsideInBulk`` dropped, then records every chat's `created` event
    /// from `chat_field_values` (V010) and its count, and creates the triggers again. Outside a
    /// transaction, or with chats already there, `body` runs with the triggers.
    ///
    /// When `body` throws, the triggers are still dropped: the caller's transaction must be
    /// rolled back, which brings them back (the importer's always is: a failed bulk load
    /// leaves the archive as it was).
    public func loadingChatsInBulk<T>(_ body: () throws -> T) throws -> T {
        guard !isAutocommit, try scalar("SELECT EXISTS (SELECT 1 FROM chat_session)") == .integer(0) else { return try body() }
        let triggers = try setTriggersAside()
        let result = try body()
        try doWork(ofDroppedTriggers: Set(triggers.map(\.name)))
        for trigger in triggers { try execute(trigger.creation) }
        return result
    }

    /// Drops the triggers that exist, and returns the statements that create them again.
    private func setTriggersAside() throws -> [(name: String, creation: String)] {
        let names = Self.triggersSetAsideInBulk.map { "'\($0)'" }.joined(separator: ", ")
        var triggers: [(name: String, creation: String)] = []
        for row in try rows("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND name IN (\(names)) ORDER BY rowid") {
            guard let name = row[0].textValue, let creation = row[1].textValue else { continue }
            try execute("DROP TRIGGER \(name)")
            triggers.append((name, creation))
        }
        return triggers
    }

    /// What the dropped triggers would have done, for every chat at once.
    private func doWork(ofDroppedTriggers dropped: Set<String>) throws {
        if dropped.contains("chat_session_created") {
            try execute("""
                INSERT INTO chat_change (chat_id, kind, changed_by, at, field_values)
                SELECT chat_id, 'created', (SELECT changed_by FROM archive_write_context WHERE id = 1), strftime('%Y-%m-%d %H:%M:%f', 'now'), field_values
                FROM chat_field_values WHERE (SELECT events FROM archive_write_context WHERE id = 1) = 1 ORDER BY chat_id
                """)
        }
        if dropped.contains("chat_count_insert") {
            try execute("UPDATE chat_count SET n = n + (SELECT count(*) FROM chat_session) WHERE slot = 0")
        }
    }
}
