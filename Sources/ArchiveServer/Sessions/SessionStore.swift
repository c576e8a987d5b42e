import ArchiveAuth
import Crypto
import Foundation
import Synchronization

/// The browser sessions of a server, in memory: a session ends with the server (signing in
/// again is the way back), after ``idleLimit`` without a request, after ``absoluteLimit`` in
/// any case, at sign-out, and when its user's password, role or account state changes.
///
/// A session is known by a random id (256 bits) kept in an HttpOnly cookie; only its SHA-256 is
/// held. Each session has its own XSRF token, which the page reads from the `XSRF-TOKEN` cookie
/// and sends back in `X-XSRF-TOKEN`.
final class SessionStore: Sendable {
    struct Session: Sendable {
        let caller: Caller
        let xsrfToken: String
        let created: ContinuousClock.Instant
        var lastUsed: ContinuousClock.Instant
        /// The account as it was at sign-in: any change of it ends the session.
        let stamp: String
    }

    /// Without a request for this long, a session ends.
    let idleLimit: Duration
    /// A session ends this long after sign-in, used or not.
    let absoluteLimit: Duration
    private let sessions = Mutex<[String: Session]>([:])

    init(idleLimit: Duration = .seconds(30 * 60), absoluteLimit: Duration = .seconds(12 * 3600)) {
        self.idleLimit = idleLimit
        self.absoluteLimit = absoluteLimit
    }

    /// A new session for `caller` (a new id at every sign-in): its id and XSRF token.
    func start(for caller: Caller, stamp: String) -> (id: String, xsrfToken: String) {
        let id = Self.randomToken(), xsrf = Self.randomToken()
        let now = ContinuousClock.now
        sessions.withLock { sessions in
            sessions = sessions.filter { now - $0.value.lastUsed < idleLimit && now - $0.value.created < absoluteLimit }
            sessions[Self.key(id)] = Session(caller: caller, xsrfToken: xsrf, created: now, lastUsed: now, stamp: stamp)
        }
        return (id, xsrf)
    }

    /// The live session with this id (its last use now noted), or nil.
    func session(_ id: String) -> Session? {
        let now = ContinuousClock.now
        return sessions.withLock { sessions in
            let key = Self.key(id)
            guard var session = sessions[key] else { return nil }
            guard now - session.lastUsed < idleLimit, now - session.created < absoluteLimit else {
                sessions[key] = nil
                return nil
            }
            session.lastUsed = now
            sessions[key] = session
            return session
        }
    }

    /// Ends a session.
    func end(_ id: String) {
        _ = sessions.withLock { $0.removeValue(forKey: Self.key(id)) }
    }

    /// What a change of the account changes: its password hash, role and state.
    static func stamp(of login: StoredLogin) -> String {
        "\(login.passwordHash ?? "")|\(login.role.rawValue)|\(login.isActive)"
    }

    private static func key(_ id: String) -> String {
        SHA256.hash(data: Data(id.utf8)).map { String($0, radix: 16) }.joined()
    }

    private static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
