import ArchiveAuth
import ArchiveCore
import ArchivePostgres
import ArchiveSchema
import ArchiveSQLite
import Dispatch
import Foundation
import HTTPTypes
import Synchronization

/// What every request shares: the readers, the provider, the authenticator, the settings.
final class ArchiveService: Sendable {
    let configuration: ServerConfiguration
    let readers: ArchiveReaders
    /// The SQLite pool, whose writer the entity endpoints change chats through (nil on PostgreSQL).
    private let sqlitePool: DatabasePool?
    let provider: ArchiveProvider
    let authenticator = Authenticator()
    let cors: CORSPolicy
    /// Where passwords are hashed: one at a time, off the readers and the request threads.
    private let passwordQueue = DispatchQueue(label: "archive.password-hashing")

    /// Opens the database and checks that it is an archive of this engine's schema.
    init(configuration: ServerConfiguration) throws {
        self.configuration = configuration
        cors = CORSPolicy(origins: configuration.corsOrigins)
        provider = ArchiveProvider(catalog: ChatSessionCatalog.catalog, cursorKey: configuration.cursorKey)
        switch configuration.location {
        case .file(let path):
            var connection = Connection.Configuration.reading
            connection.busyTimeoutMilliseconds = 5_000
            // Writes are acknowledged once they are on disk (see ServerConfiguration.synchronous).
            connection.synchronous = configuration.synchronous
            let pool = try DatabasePool(path: path, maximumReaderCount: configuration.readerCount, configuration: connection)
            try pool.writeBlocking { try Migrator.requireCurrent($0) }
            let chats = try pool.writeBlocking { Int(try $0.scalar("SELECT count(*) FROM chat_session")?.integerValue ?? 0) }
            analyzeThreshold = max(1_000, configuration.analyzeThreshold ?? chats / 10)
            readers = .sqlite(pool)
            sqlitePool = pool
        case .postgres(let address):
            // Refuses an unreachable server or a database that is not a current archive now,
            // rather than on the first request.
            let check = try PostgresSession(address: address)
            defer { check.close() }
            try PostgresMigrator.requireCurrent(check)
            let timeout = configuration.queryTimeout.components
            let milliseconds = Int(timeout.seconds) * 1_000 + Int(timeout.attoseconds / 1_000_000_000_000_000)
            readers = .postgres(PostgresPool(
                address: address, maximumCount: configuration.readerCount, statementTimeoutMilliseconds: max(1, milliseconds), readOnly: true))
            sqlitePool = nil
            analyzeThreshold = .max
        }
    }

    /// The pool the entity endpoints read and write chats through.
    ///
    /// - Throws: ``APIError`` 501 on PostgreSQL, where this server answers archive queries only.
    func entityPool() throws -> DatabasePool {
        guard let sqlitePool else {
            throw APIError(.notImplemented, "NotImplemented", "the ChatSession entity endpoints need a SQLite archive; this server reads a PostgreSQL archive and answers archive queries only", source: "URL")
        }
        return sqlitePool
    }

    /// Changed rows after which ``changed(rows:)`` refreshes the statistics.
    private let analyzeThreshold: Int

    /// The providers this server offers, by the name clients use (case-insensitive).
    func provider(named name: String) -> ArchiveProvider? {
        name.caseInsensitiveCompare(provider.catalog.name) == .orderedSame ? provider : nil
    }

    /// Who the `Authorization` header names.
    ///
    /// The login is read on a reader connection; a password that must be hashed is hashed
    /// after the connection is given back, one at a time on a queue of its own, so that
    /// logins (right or wrong) never hold the readers that serve queries.
    ///
    /// - Throws: ``APIError`` 401 with `WWW-Authenticate` when it names nobody.
    func caller(authorization: String?) async throws -> Caller {
        let authenticator = authenticator
        let check = try await readers.read { try $0.checkCredentials(authenticator, authorization: authorization) }
        let result: Authentication
        switch check {
        case .done(let answer): result = answer
        case .password(let pending):
            result = await withCheckedContinuation { continuation in
                passwordQueue.async { continuation.resume(returning: authenticator.verify(pending)) }
            }
        }
        switch result {
        case .authenticated(let caller): return caller
        case .missing: throw APIError.unauthorized("this API needs credentials: Authorization: Basic (user name and password) or Bearer (a token)")
        case .refused: throw APIError.unauthorized("the credentials were not accepted")
        }
    }

    /// Rows changed through the API since the statistics were last refreshed.
    private let changesSinceAnalyze = Mutex(0)

    /// Notes that writes changed `rows` rows. After many changes (a tenth of the chats, and at
    /// least 1,000), the statistics the planner reads are refreshed on the writer and the
    /// provider forgets its plans, so that walk-or-sort choices follow the data.
    func changed(rows: Int) {
        let due: Bool = changesSinceAnalyze.withLock { count in
            count += rows
            guard count >= analyzeThreshold else { return false }
            count = 0
            return true
        }
        guard due, let pool = sqlitePool else { return }
        let provider = provider
        Task {
            try? await pool.write { connection in try connection.execute("ANALYZE") }
            provider.forgetStatistics()
        }
    }

    func close() { readers.close() }
}
