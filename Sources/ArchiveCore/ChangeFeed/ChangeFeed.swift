/// One change of a chat, as the change feed recorded it (`chat_change`).
public struct ChatChange: Sendable, Equatable {
    /// What happened to the chat.
    public enum Kind: String, Sendable {
        case created, changed, deleted
    }

    /// The change's place in the feed: changes are numbered in the order they were committed.
    public let position: Int64
    /// The chat's id (`chatSessionId`).
    public let chatID: Int64
    /// Created, changed or deleted.
    public let kind: Kind
    /// The columns a `changed` changed (database names, such as `rating`); empty otherwise.
    public let changedColumns: [String]
    /// The associate whose request made the change; nil for a write from outside the API.
    public let changedBy: Int64?
    /// When it was made (UTC, as stored: `2026-12-06 07:15:03.512`).
    public let at: String
    /// The chat's values when it changed (a JSON object: the `FieldValues` of its event).
    public let fieldValues: String

    /// A change as the feed holds it.
    public init(position: Int64, chatID: Int64, kind: Kind, changedColumns: [String], changedBy: Int64?, at: String, fieldValues: String = "{}") {
        self.position = position
        self.chatID = chatID
        self.kind = kind
        self.changedColumns = changedColumns
        self.changedBy = changedBy
        self.at = at
        self.fieldValues = fieldValues
    }
}

/// Reads the change feed: the chats created, changed and deleted, in commit order, after a
/// position. A reader that has seen position N has seen every change before it (see
/// `Schema/V006__change_feed.sql` for how each engine keeps that), so a client that goes on from
/// the last position it read misses nothing.
public enum ChangeFeed {
    /// Up to `limit` changes after `position`, oldest first.
    public static func changes(after position: Int64, limit: Int, in database: some ArchiveDatabase) throws -> [ChatChange] {
        try database.fetchAll("""
            SELECT seq, chat_id, kind, changes, changed_by, \(raw: database.dialect == .postgresql ? "to_char(at, 'YYYY-MM-DD HH24:MI:SS.MS')" : "at"), field_values
            FROM chat_change WHERE seq > \(position) ORDER BY seq LIMIT \(Int64(limit))
            """).compactMap(change)
    }

    /// Which of the chats `ids` the archive has now (the others were deleted, or never were).
    public static func existingChats(_ ids: [Int64], in database: some ArchiveDatabase) throws -> Set<Int64> {
        var existing = Set<Int64>()
        // In slices: each id is a bound value, and engines limit how many a statement takes.
        for start in stride(from: 0, to: ids.count, by: 500) {
            let slice = ids[start..<min(start + 500, ids.count)].map { id -> PortableSQL in "\(id)" }
            let rows = try database.fetchAll("SELECT id FROM chat_session WHERE id IN (\(PortableSQL(joining: slice, separator: ", ")))")
            for row in rows { if let id = row.first?.integerValue { existing.insert(id) } }
        }
        return existing
    }

    /// The position of the last committed change (0 when there is none): where a client that
    /// wants only what comes next starts.
    public static func lastPosition(in database: some ArchiveDatabase) throws -> Int64 {
        // When every change was pruned, the last position is the last one pruned.
        let held = try database.fetchValue("SELECT coalesce(max(seq), 0) FROM chat_change")?.integerValue ?? 0
        return max(held, try prunedThrough(in: database))
    }

    /// The last position pruned from the feed (0: none): changes after an older position are no
    /// longer all there.
    public static func prunedThrough(in database: some ArchiveDatabase) throws -> Int64 {
        try database.fetchValue("SELECT pruned_through FROM chat_change_pruned WHERE id = 1")?.integerValue ?? 0
    }

    /// Removes the changes made before `cutoff` (UTC seconds) up to `position` (the one every
    /// reader that must not miss them has passed), and notes how far the feed is pruned.
    /// Returns how many were removed.
    @discardableResult
    public static func prune(before cutoff: Int64, through position: Int64, in database: some ArchiveDatabase) throws -> Int {
        try database.inTransaction {
            guard let last = try database.fetchValue(
                "SELECT max(seq) FROM chat_change WHERE seq <= \(position) AND at < \(moment: cutoff)")?.integerValue
            else { return 0 }
            let removed = try database.perform("DELETE FROM chat_change WHERE seq <= \(last)")
            _ = try database.perform("UPDATE chat_change_pruned SET pruned_through = \(last) WHERE id = 1 AND pruned_through < \(last)")
            return removed
        }
    }

    private static func change(_ row: [DatabaseValue]) -> ChatChange? {
        guard let position = row[0].integerValue, let chatID = row[1].integerValue, let kind = row[2].textValue.flatMap(ChatChange.Kind.init)
        else { return nil }
        let columns = row[3].textValue.map { $0.split(separator: ",").map(String.init) } ?? []
        return ChatChange(position: position, chatID: chatID, kind: kind, changedColumns: columns, changedBy: row[4].integerValue, at: row[5].textValue ?? "",
            fieldValues: row[6].textValue ?? "{}")
    }
}
