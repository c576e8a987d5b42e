public import ArchiveSQLite
import Crypto
import Synchronization
import Foundation

/// The associate a request is made by.
public struct Caller: Sendable, Equatable {
    public let associateID: Int64
    public let userName: String

    public init(associateID: Int64, userName: String) {
        self.associateID = associateID
        self.userName = userName
    }
}

/// The outcome of checking a request's `Authorization` header.
public enum Authentication: Sendable, Equatable {
    case authenticated(Caller)
    /// No `Authorization` header.
    case missing
    /// A header that does not identify an active user; the reason is for the server's log only
    /// (clients get the same answer whatever it is).
    case refused(reason: String)
}

/// Checks `Authorization: Basic` (an associate's user name and password) and
/// `Authorization: Bearer` (a token from `archive token create`).
///
/// Password hashes are slow on purpose (a quarter of a second each), so a successful check is
/// remembered for a while, keyed by a keyed hash of the user name, the password *and the stored
/// hash*: a changed password or a disabled user is seen on the next request, since the login row
/// is read every time. Failures are never cached.
public final class Authenticator: Sendable {
    private struct Verified {
        let caller: Caller
        let expires: ContinuousClock.Instant
    }

    private let verified = Mutex<[[UInt8]: Verified]>([:])
    /// A per-process secret, so that the cache's keys reveal nothing about passwords.
    private let cacheKey = SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
    private let lifetime: Duration
    private let capacity: Int

    /// - Parameters:
    ///   - lifetime: How long a verified password is trusted without hashing it again.
    ///   - capacity: How many verified logins are remembered (the oldest are dropped).
    public init(lifetime: Duration = .seconds(600), capacity: Int = 4_096) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    /// Checks a request's `Authorization` header against the database.
    public func authenticate(authorization header: String?, connection: Connection) throws -> Authentication {
        guard let header = header?.trimmingCharacters(in: .whitespaces), !header.isEmpty else { return .missing }
        let space = header.firstIndex(of: " ") ?? header.endIndex
        let scheme = header[..<space].lowercased()
        let credentials = header[space...].trimmingCharacters(in: .whitespaces)
        switch scheme {
        case "basic": return try basic(credentials, connection: connection)
        case "bearer":
            guard let owner = try TokenStore(connection: connection).associate(forToken: credentials) else {
                return .refused(reason: "unknown, revoked or disabled token")
            }
            return .authenticated(Caller(associateID: owner.id, userName: owner.userName))
        default:
            return .refused(reason: "unsupported scheme '\(scheme)'")
        }
    }

    private func basic(_ encoded: String, connection: Connection) throws -> Authentication {
        guard let data = Data(base64Encoded: encoded), let decoded = String(data: data, encoding: .utf8),
            let colon = decoded.firstIndex(of: ":")
        else { return .refused(reason: "malformed Basic credentials") }
        let userName = String(decoded[..<colon]), password = String(decoded[decoded.index(after: colon)...])
        guard let login = try AccountStore(connection: connection).login(userName: userName) else {
            return .refused(reason: "no user '\(userName)'")
        }
        guard login.isActive else { return .refused(reason: "user '\(login.userName)' is disabled") }
        guard let stored = login.passwordHash else { return .refused(reason: "user '\(login.userName)' has no password") }

        let key = cacheKey(userName: login.userName, password: password, stored: stored)
        let now = ContinuousClock.now
        if let hit = verified.withLock({ $0[key] }), hit.expires > now { return .authenticated(hit.caller) }
        guard PasswordHasher.verify(password, against: stored) else { return .refused(reason: "wrong password for '\(login.userName)'") }
        let caller = Caller(associateID: login.associateID, userName: login.userName)
        verified.withLock { cache in
            if cache.count >= capacity { cache = cache.filter { $0.value.expires > now } }
            if cache.count >= capacity { cache.removeAll(keepingCapacity: true) }
            cache[key] = Verified(caller: caller, expires: now + lifetime)
        }
        return .authenticated(caller)
    }

    private func cacheKey(userName: String, password: String, stored: String) -> [UInt8] {
        var message = Array(userName.lowercased().utf8)
        message.append(0)
        message += Array(password.utf8)
        message.append(0)
        message += Array(stored.utf8)
        return Array(HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: cacheKey)))
    }
}
