import ArchiveAuth
import ArchiveCore
import Dispatch
import Foundation
import HTTPTypes
import Synchronization

/// What every request shares: the archive, the provider, the authenticator, the settings.
final class ArchiveService: Sendable {
    let configuration: ServerConfiguration
    /// Where requests read and write, whichever engine holds the archive.
    let archive: any DatabaseWriter
    let provider: ArchiveProvider
    let authenticator = Authenticator()
    let cors: CORSPolicy
    /// Where passwords are hashed: one at a time, off the readers and the request threads.
    private let passwordQueue = DispatchQueue(label: "archive.password-hashing")
    /// Changed rows after which ``changed(rows:)`` refreshes the statistics.
    private let analyzeThreshold: Int
    /// Rows changed through the API since the statistics were last refreshed.
    private let changesSinceAnalyze = Mutex(0)

    /// Serves `archive`, which must be a current archive (as the composition function opens it).
    init(archive: any DatabaseWriter, configuration: ServerConfiguration) async throws {
        self.configuration = configuration
        self.archive = archive
        cors = CORSPolicy(origins: configuration.corsOrigins)
        provider = ArchiveProvider(catalog: ChatSessionCatalog.catalog, cursorKey: configuration.cursorKey)
        let chats = try await archive.read { Int(try $0.fetchValue("SELECT count(*) FROM chat_session")?.integerValue ?? 0) }
        analyzeThreshold = max(1_000, configuration.analyzeThreshold ?? chats / 10)
    }

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
        let check = try await archive.read { try authenticator.check(authorization: authorization, database: $0) }
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
        case .missing:
            throw APIError.unauthorized("this API needs credentials: Authorization: Basic (user name and password), or Bearer or SOTicket (a token)")
        case .refused: throw APIError.unauthorized("the credentials were not accepted")
        }
    }

    /// Notes that writes changed `rows` rows. After many changes (a tenth of the chats, and at
    /// least 1,000), the engine measures the tables again and the provider forgets its plans, so
    /// that walk-or-sort choices follow the data.
    func changed(rows: Int) {
        let due: Bool = changesSinceAnalyze.withLock { count in
            count += rows
            guard count >= analyzeThreshold else { return false }
            count = 0
            return true
        }
        guard due else { return }
        let (archive, provider) = (archive, provider)
        Task {
            try? await archive.write { try $0.refreshStatistics() }
            provider.forgetStatistics()
        }
    }

    func close() { archive.close() }
}
