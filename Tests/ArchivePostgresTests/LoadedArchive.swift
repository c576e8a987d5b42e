import ArchiveCore
import ArchivePostgres
import ArchiveQueryLanguage
import ArchiveSQLite
import ArchiveTestSupport
import Foundation
import Testing

/// The archive the PostgreSQL tests share: a seeded SQLite file and the same rows loaded into a
/// database of the throwaway cluster, once per process.
enum LoadedArchive {
    /// The chats of the shared archive (enough that PostgreSQL walks indexes rather than
    /// scanning, as on real data).
    static let chats = 20_000
    static let seed: UInt64 = 5

    struct Archive: Sendable {
        let sqlitePath: String
        let pool: PostgresPool
    }

    private static let loading = Task { () throws -> Archive in
        let sqlitePath = try SeededDatabase.path(chats: chats, seed: seed)
        let url = try PostgresTestCluster.createDatabase()
        let loader = PostgresPool(address: try PostgresAddress(url: url), maximumCount: 1, readOnly: false)
        try await loader.withSession { session in
            _ = try PostgresLoader.load(sqlitePath: sqlitePath, into: session, replacing: false)
        }
        loader.close()
        return Archive(sqlitePath: sqlitePath, pool: PostgresPool(address: try PostgresAddress(url: url), maximumCount: 2))
    }

    /// The shared archive, loaded on first use.
    static func shared() async throws -> Archive { try await loading.value }

    /// One provider for both engines: cursors signed on one are read on the other.
    static let provider = ArchiveProvider(cursorKey: Array(repeating: 7, count: 32))

    /// The query and context of a standard query.
    static func request(_ query: StandardQuery) throws -> (ArchiveQuery, QueryContext) {
        let catalog = ChatSessionCatalog.catalog
        let request = try ArchiveRequest.parse(query.pairs.map { (name: $0.0, value: $0.1) }, catalog: catalog, defaultEntities: catalog.defaultEntities)
        let context = QueryContext(now: SeededDatabase.now, timeZone: TimeZone(identifier: query.timeZone)!, currentAssociateID: 2)
        return (request.query, context)
    }
}

/// Skips the PostgreSQL suites on a machine without the server, unless CI requires them.
extension Trait where Self == ConditionTrait {
    static var needsPostgreSQL: Self {
        .enabled(if: PostgresTestCluster.isAvailable, "needs the PostgreSQL server (Debian: postgresql)")
    }
}
