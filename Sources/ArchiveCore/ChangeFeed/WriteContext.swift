/// Who a transaction writes for, and whether the change feed records its chats' changes
/// (`chat_change`, written by the schema's triggers, see `Schema/V006__change_feed.sql`).
///
/// The triggers read it from the writing transaction: on SQLite a one-row table that the
/// transaction sets and puts back before it commits (SQLite has one writer at a time), on
/// PostgreSQL the transaction's own settings (`SET LOCAL`). A write made without it (the
/// sqlite3 shell, psql) is recorded, by nobody.
public struct WriteContext: Sendable, Equatable {
    /// The associate whose request writes (`ChangedByAssociateId` of the events); nil: nobody.
    public var changedBy: Int64?
    /// Whether the chats' changes are recorded: false only where no one may learn of them
    /// (seeding a new archive, restoring a backup with `archive import --no-events`).
    public var recordsChanges: Bool

    /// What a write from outside the engine gets: recorded, by nobody.
    public static let unattributed = WriteContext(changedBy: nil, recordsChanges: true)

    /// Writes for `changedBy`, recorded unless `recordsChanges` is false.
    public init(changedBy: Int64?, recordsChanges: Bool = true) {
        self.changedBy = changedBy
        self.recordsChanges = recordsChanges
    }
}

extension ArchiveDatabase {
    /// Runs `body` in a transaction (a savepoint when one is open) that writes for `context`.
    public func inTransaction<T>(writingFor context: WriteContext, _ body: () throws -> T) throws -> T {
        try inTransaction {
            try apply(context)
            // On SQLite the setting is a row every later writer reads: it is put back before the
            // commit (a failure rolls it back with everything else).
            let result = try body()
            if context != .unattributed { try apply(.unattributed) }
            return result
        }
    }

    private func apply(_ context: WriteContext) throws {
        switch dialect {
        case .sqlite:
            _ = try perform("UPDATE archive_write_context SET changed_by = \(context.changedBy), events = \(context.recordsChanges ? 1 : 0) WHERE id = 1")
        case .postgresql:
            _ = try fetchOne("""
                SELECT set_config('archive.changed_by', \(context.changedBy.map(String.init) ?? ""), true),
                       set_config('archive.events', \(context.recordsChanges ? "on" : "off"), true)
                """)
        }
    }
}
