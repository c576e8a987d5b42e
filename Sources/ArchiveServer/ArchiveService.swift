import ArchiveAuth
import ArchiveCore
import ArchiveWebhooks
import Dispatch
import Foundation
import Hummingbird
import HTTPTypes
import Synchronization

/// What every request shares: the archive, the provider, the authenticator, the settings.
final class ArchiveService: Sendable {
    let configuration: ServerConfiguration
    /// Where requests read and write, whichever engine holds the archive.
    let archive: any DatabaseWriter
    let provider: ArchiveProvider
    /// Requests parsed lately, to answer a repeated one without parsing it again.
    let parsedRequests = ParsedRequests()
    /// The OpenAPI document, listing the provider's columns.
    let openAPIDocument: [UInt8]
    let authenticator = Authenticator()
    let cors: CORSPolicy
    /// Where passwords are hashed: off the readers and the event loops, one at a time per client
    /// address, as many at once as there are cores.
    private let passwordHashing = PasswordHashing(width: ProcessInfo.processInfo.activeProcessorCount)
    /// The hashings under way, by the credentials they check: requests carrying the same
    /// credentials wait for one result instead of each hashing again.
    private let hashingsUnderWay = Mutex<[[UInt8]: Task<Authentication?, Never>]>([:])
    /// Failed sign-ins per account: a flood against one user name is refused early (429).
    let accountThrottle: SignInThrottle
    /// Failed sign-ins per client address: one client guessing many names is refused early.
    let addressThrottle: SignInThrottle
    /// What webhook targets may be.
    let webhookPolicy: WebhookTargetPolicy
    /// Seals and opens webhook secrets; nil without `--webhook-key-file`.
    let webhookSealer: SecretSealer?
    let webhookSender = WebhookSender()
    /// The browser sessions (in memory: they end with the server).
    let sessions: SessionStore
    /// Changed rows after which ``changed(rows:)`` refreshes the statistics.
    private let analyzeThreshold: Int
    /// Rows changed through the API since the statistics were last refreshed.
    private let changesSinceAnalyze = Mutex(0)

    /// Serves `archive`, which must be a current archive (as the composition function opens it).
    init(archive: any DatabaseWriter, configuration: ServerConfiguration) async throws {
        self.configuration = configuration
        self.archive = archive
        cors = CORSPolicy(origins: configuration.corsOrigins)
        webhookPolicy = WebhookTargetPolicy(allowsLoopback: configuration.allowsLoopbackWebhooks)
        sessions = SessionStore(idleLimit: configuration.sessionIdleLimit, absoluteLimit: configuration.sessionAbsoluteLimit)
        webhookSealer = try configuration.webhookKey.map { try SecretSealer(keyFileContents: $0) }
        accountThrottle = SignInThrottle(limit: configuration.failedSignInsPerAccount)
        addressThrottle = SignInThrottle(limit: configuration.failedSignInsPerAddress)
        // The archive's own user-defined fields are columns of its provider.
        let catalog = try await archive.read { try ChatSessionCatalog.catalog(of: $0) }
        provider = ArchiveProvider(catalog: catalog, cursorKey: configuration.cursorKey)
        openAPIDocument = OpenAPIDocument.bytes(catalog: catalog)
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
    /// after the connection is given back (``PasswordHashing``: fairly between client
    /// addresses), so that logins (right or wrong) never hold the readers that serve queries,
    /// and a flood from one address does not hold up another's sign-in.
    ///
    /// Failed sign-ins are counted per account and per client address; past their limits, a
    /// request is answered 429 with `Retry-After` before anything is read or hashed (checked
    /// again when its turn to hash comes).
    ///
    /// - Throws: ``APIError`` 401 with `WWW-Authenticate` when it names nobody, 429 when it may
    ///   not try now.
    func caller(authorization: String?, clientAddress: String? = nil) async throws -> Caller {
        let keys = throttleKeys(authorization: authorization, clientAddress: clientAddress)
        if let wait = keys.compactMap({ $0.throttle.wait(for: $0.key) }).max() { throw APIError.tooManyFailures(retryAfter: wait) }
        let authenticator = authenticator
        let check = try await archive.readBriefly { try authenticator.check(authorization: authorization, database: $0) }
        let result: Authentication
        switch check {
        case .done(let answer): result = answer
        case .password(let pending):
            guard let verified = await verifyOnce(pending, address: clientAddress ?? "-", keys: keys) else {
                throw APIError.tooManyFailures(retryAfter: keys.compactMap { $0.throttle.wait(for: $0.key) }.max() ?? .seconds(1))
            }
            result = verified
        }
        switch result {
        case .authenticated(let caller):
            for (throttle, key) in keys where throttle === accountThrottle { throttle.recordSuccess(key) }
            return caller
        case .refused:
            for (throttle, key) in keys { throttle.recordFailure(key) }
            throw APIError.unauthorized("the credentials were not accepted")
        case .missing:
            throw APIError.unauthorized("this API needs credentials: Authorization: Basic (user name and password), or Bearer or SOTicket (a token)")
        case .unsupportedScheme(let name):
            throw APIError.unauthorized("Authorization: \(name) is not a scheme this API takes; use Basic (user name and password), or Bearer or SOTicket (a token)")
        }
    }

    /// The throttles a request's failure counts against: its address, and the account its Basic
    /// credentials name.
    private func throttleKeys(authorization: String?, clientAddress: String?) -> [(throttle: SignInThrottle, key: String)] {
        var keys: [(throttle: SignInThrottle, key: String)] = [(addressThrottle, clientAddress ?? "-")]
        if let authorization, let userName = BasicScheme.userName(inHeader: authorization) { keys.append((accountThrottle, userName)) }
        return keys
    }

    /// Hashes a password, once for all the requests that carry the same credentials while it
    /// runs (a burst of new connections with one login hashes once); nil when a throttle closed
    /// before its turn came.
    private func verifyOnce(
        _ pending: Authenticator.PendingPassword, address: String, keys: [(throttle: SignInThrottle, key: String)]
    ) async -> Authentication? {
        let (authenticator, hashing) = (authenticator, passwordHashing)
        let throttled: @Sendable () -> Bool = { keys.contains { $0.throttle.wait(for: $0.key) != nil } }
        let (task, started) = hashingsUnderWay.withLock { underWay -> (Task<Authentication?, Never>, Bool) in
            if let running = underWay[pending.identity] { return (running, false) }
            let task = Task {
                await hashing.run(address: address, stillWanted: { !throttled() }) { authenticator.verify(pending) }
            }
            underWay[pending.identity] = task
            return (task, true)
        }
        let result = await task.value
        if started { _ = hashingsUnderWay.withLock { $0.removeValue(forKey: pending.identity) } }
        return result
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

    /// Whether the client reached the server over TLS: as a trusted proxy says in
    /// `X-Forwarded-Proto` (the server itself speaks plain HTTP).
    func isSecure(_ request: Request, context: ArchiveRequestContext) -> Bool {
        guard let address = context.clientAddress, configuration.trustedProxies.contains(address) else { return false }
        return request.headers[HTTPField.Name("X-Forwarded-Proto")!]?.lowercased() == "https"
    }

    /// The caller a session cookie names, when the request has no `Authorization` header; nil
    /// when it has no session cookie.
    ///
    /// - Throws: ``APIError`` 401 for a session that ended (expired, signed out, or its
    ///   account's password, role or state changed) or a missing or wrong XSRF token (from the
    ///   header, or a form post's field: then the body is read, and put back in `request`).
    func sessionCaller(_ request: inout Request) async throws -> Caller? {
        guard let id = SessionRoutes.cookie(SessionRoutes.sessionCookie, in: request) else { return nil }
        guard let session = sessions.session(id) else {
            throw APIError.unauthorized("the session has ended (signed out, or idle or open too long); sign in again")
        }
        try SessionRoutes.checkXSRF(try await SessionRoutes.sentXSRFToken(&request), session: session)
        let userName = session.caller.userName
        let login = try await archive.readBriefly { try AccountStore(database: $0).login(userName: userName) }
        guard let login, login.isActive, SessionStore.stamp(of: login) == session.stamp else {
            sessions.end(id)
            throw APIError.unauthorized("the session has ended: the account's password, role or state changed; sign in again")
        }
        return session.caller
    }
}
