import ArchiveAuth
import ArchiveCore
import ArchiveSchema
import ArchiveSQLite
import Foundation

/// What every request shares: the reader pool, the provider, the authenticator, the settings.
final class ArchiveService: Sendable {
    let configuration: ServerConfiguration
    let pool: DatabasePool
    let provider: ArchiveProvider
    let authenticator = Authenticator()

    /// Opens the database and checks that it is an archive of this engine's schema.
    init(configuration: ServerConfiguration) throws {
        self.configuration = configuration
        var connection = Connection.Configuration.reading
        connection.busyTimeoutMilliseconds = 5_000
        pool = try DatabasePool(path: configuration.databasePath, maximumReaderCount: configuration.readerCount, configuration: connection)
        try pool.writeBlocking { try Migrator.requireCurrent($0) }
        provider = ArchiveProvider(catalog: ChatSessionCatalog.catalog)
    }

    /// The providers this server offers, by the name clients use (case-insensitive).
    func provider(named name: String) -> ArchiveProvider? {
        name.caseInsensitiveCompare(provider.catalog.name) == .orderedSame ? provider : nil
    }

    /// Who the `Authorization` header names, checked on `connection`.
    ///
    /// - Throws: ``APIError`` 401 with `WWW-Authenticate` when it names nobody.
    func caller(authorization: String?, connection: Connection) throws -> Caller {
        switch try authenticator.authenticate(authorization: authorization, connection: connection) {
        case .authenticated(let caller): return caller
        case .missing: throw APIError.unauthorized("this API needs credentials: Authorization: Basic (user name and password) or Bearer (a token)")
        case .refused: throw APIError.unauthorized("the credentials were not accepted")
        }
    }

    func close() { pool.close() }
}
