public import ArchiveCore

/// Pages through a query forward, then back by previous cursors, on one database: what the
/// paging tests of each engine compare.
public enum PagingWalk {
    /// The pages read forward (up to `pages` of them), and the pages read back from the last
    /// one by its previous cursors, in the same order (the last page's own, then each previous
    /// page).
    public struct Walk: Sendable {
        public let forward: [ArchivePage]
        public let backward: [ArchivePage]
    }

    public static func walk(
        _ query: ArchiveQuery, pages: Int, provider: ArchiveProvider, context: QueryContext, database: some ArchiveDatabase
    ) throws -> Walk {
        var forward = [try provider.page(query, context: context, database: database)]
        while forward.count < pages, let cursor = forward.last!.nextCursor {
            var next = query
            next.page.cursor = cursor
            forward.append(try provider.page(next, context: context, database: database))
        }
        var backward: [ArchivePage] = []
        var current = forward.last!
        while let cursor = current.previousCursor {
            var previous = query
            previous.page.cursor = cursor
            current = try provider.page(previous, context: context, database: database)
            backward.insert(current, at: 0)
        }
        return Walk(forward: forward, backward: backward)
    }
}
