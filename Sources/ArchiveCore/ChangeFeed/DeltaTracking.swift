/// Why a row of an earlier answer is gone from a query's delta.
public enum RemovalReason: String, Sendable {
    /// The chat was deleted.
    case deleted
    /// The chat changed and no longer matches the query.
    case changed
}

/// What a delta answered besides its rows.
public struct DeltaEnd: Sendable {
    /// The chats that left the query's answer since the delta's position, oldest change first.
    public let removed: [(id: Int64, reason: RemovalReason)]
    /// The position of the last change the delta took in: the next delta goes on from it.
    public let position: Int64
    /// True when more changes follow than one delta takes: the client asks again at once.
    public let hasMore: Bool
}

extension ArchiveProvider {
    /// A signed token that stands for `position` in the change feed, valid only with `query`
    /// (the same columns, restriction, order and entities) and this provider's secret.
    public func deltaToken(position: Int64, for query: ArchiveQuery, language: Language) -> String {
        KeysetCursor(segment: Self.deltaSegment, values: [.integer(position)])
            .encode(fingerprint: QueryPlanner.fingerprint(query, provider: catalog.name, language: language), signer: signer)
    }

    /// The position a token of ``deltaToken(position:for:language:)`` stands for.
    ///
    /// - Throws: ``ArchiveError`` (`invalidCursor`, naming `$deltatoken`) for a changed token or
    ///   one of another query.
    public func deltaPosition(_ token: String, for query: ArchiveQuery, language: Language) throws -> Int64 {
        let invalid = ArchiveError(
            .invalidCursor,
            "the $deltatoken is not valid for this query: it was changed, it belongs to another query or language, or another server's key signed it",
            option: "$deltatoken")
        let fingerprint = QueryPlanner.fingerprint(query, provider: catalog.name, language: language)
        guard let cursor = try? KeysetCursor.decode(token, fingerprint: fingerprint, signer: signer), cursor.segment == Self.deltaSegment,
            cursor.values.count == 1, let position = cursor.values[0].integerValue, position >= 0
        else { throw invalid }
        return position
    }

    /// The delta of `query` after `position`: of the chats created, changed or deleted in the
    /// next `limit` changes, the rows of those that match the query now (handed to `row`, in the
    /// query's order, after `start`), and the ids of those that do not (deleted, or changed so
    /// that they no longer match).
    ///
    /// A chat a client never had may be among the removed (it was created and changed away, or
    /// it never matched): removing what one does not have changes nothing.
    ///
    /// - Throws: ``ArchiveError`` (`expiredDelta`) when changes after `position` were pruned.
    public func delta(
        _ query: ArchiveQuery, after position: Int64, limit: Int, context: QueryContext, database: some ArchiveDatabase,
        start: (PageStart) throws -> Void, row: (ArchiveRow) throws -> Void
    ) throws -> DeltaEnd {
        let changes = try ChangeFeed.changes(after: position, limit: limit, in: database)
        // Checked after reading: a pruning that commits between the two cannot go unseen.
        guard try ChangeFeed.prunedThrough(in: database) <= position else {
            throw ArchiveError(
                .expiredDelta,
                "the delta link is older than the changes the archive keeps; read the query again with Prefer: odata.track-changes for a new one",
                option: "$deltatoken")
        }
        var lastKind: [Int64: ChatChange.Kind] = [:]
        var ids: [Int64] = []
        for change in changes {
            if lastKind.updateValue(change.kind, forKey: change.chatID) == nil { ids.append(change.chatID) }
        }
        var matched = Set<Int64>()
        _ = try streamPage(changed(query, ids: ids), context: context, database: database, start: start) { found in
            matched.insert(found.primaryKey)
            try row(found)
        }
        // Deleted is what the chat is now, whichever change of this delta came last: its delete
        // may be in a later one.
        let gone = ids.filter { !matched.contains($0) }
        let existing = gone.allSatisfy { lastKind[$0] == .deleted } ? [] : try ChangeFeed.existingChats(gone, in: database)
        let removed = gone.map { ($0, existing.contains($0) ? RemovalReason.changed : .deleted) }
        return DeltaEnd(removed: removed, position: changes.last?.position ?? position, hasMore: changes.count == limit)
    }

    /// `query` limited to the chats `ids` names, every one of them on one page.
    private func changed(_ query: ArchiveQuery, ids: [Int64]) -> ArchiveQuery {
        var limited = query
        let keyColumn = catalog.primaryKeyColumn ?? "id"
        // With no change, a restriction nothing matches: the answer still has its columns.
        let only: Restriction = ids.isEmpty
            ? .condition(Condition("getNoRows", "eq", [.word("true")]))
            : .condition(Condition(keyColumn, "oneOf", ids.map { .word(String($0)) }))
        limited.restriction = query.restriction.map { .and([$0, only]) } ?? only
        limited.page = Page(top: max(ids.count, 1))
        limited.options = QueryOptions()
        return limited
    }

    /// The segment a delta token's cursor carries (aggregate pages use -1).
    private static var deltaSegment: Int { -2 }
}

extension ProviderCatalog {
    /// The column that shows the root row's id (`chatSessionId`).
    public var primaryKeyColumn: String? {
        columns.first { column in
            if case .field(let fragment, _, _) = column.value, fragment == .column("", "id") { true } else { false }
        }?.name
    }
}
