import ArchiveAuth
import ArchiveCore
import ArchivePostgres
import ArchiveSQLite

/// The connections a server reads the archive through: SQLite's reader pool, or a pool of
/// read-only PostgreSQL sessions.
enum ArchiveReaders: Sendable {
    case sqlite(DatabasePool)
    case postgres(PostgresPool)

    /// Runs `body` on a reader.
    func read<T: Sendable>(_ body: @escaping @Sendable (Reader) throws -> T) async throws -> T {
        switch self {
        case .sqlite(let pool): try await pool.read { try body(.sqlite($0)) }
        case .postgres(let pool): try await pool.withSession { try body(.postgres($0)) }
        }
    }

    func close() {
        switch self {
        case .sqlite(let pool): pool.close()
        case .postgres(let pool): pool.close()
        }
    }
}

/// One reader connection, of either engine.
///
/// An enum rather than `any ArchiveDatabase`, so that each engine's calls into the provider
/// go to code specialized for it.
enum Reader {
    case sqlite(Connection)
    case postgres(PostgresSession)

    /// Where the authenticator reads logins and tokens.
    func checkCredentials(_ authenticator: Authenticator, authorization: String?) throws -> Authenticator.Check {
        switch self {
        case .sqlite(let connection): try authenticator.check(authorization: authorization, connection: connection)
        case .postgres(let session): try authenticator.check(authorization: authorization, credentials: PostgresCredentials(session: session))
        }
    }

    /// ``ArchiveProvider/streamPage(_:context:database:start:row:)`` on this reader.
    func streamPage(
        _ provider: ArchiveProvider, _ query: ArchiveQuery, context: RequestContext,
        start: (PageStart) throws -> Void, row: (ArchiveRow) throws -> Void
    ) throws -> PageEnd {
        switch self {
        case .sqlite(let connection): try provider.streamPage(query, context: context, connection: connection, start: start, row: row)
        case .postgres(let session): try provider.streamPage(query, context: context, database: session, start: start, row: row)
        }
    }
}
