public import ArchiveCore
import Crypto
import Foundation
import Synchronization

/// What an account may do through the API.
public enum Role: String, Sendable, CaseIterable {
    /// Query the archive (every account).
    case read
    /// Also create, change and delete chat sessions.
    case write
}

/// The associate a request is made by, and what they may do.
public struct Caller: Sendable, Equatable {
    public let associateID: Int64
    public let userName: String
    public let role: Role

    public init(associateID: Int64, userName: String, role: Role = .read) {
        self.associateID = associateID
        self.userName = userName
        self.role = role
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
    /// A header of a scheme the server does not take (`Digest`, `Negotiate`), as written: the
    /// client may be told, since it says nothing of any account.
    case unsupportedScheme(String)
}

/// Checks `Authorization: Basic` (an associate's user name and password) and
/// `Authorization: Bearer` (a token from `archive token create`).
///
/// Password hashes are slow on purpose (a quarter of a second each), so a successful check is
/// remembered for a while, keyed by a keyed hash of the user name, the password *and the stored
/// hash*: a changed password or a disabled user is seen on the next request, since the login row
/// is read every time. Failures are never cached. Unknown, disabled and password-less users are
/// refused without hashing, so the time of an answer tells whether a user name is an active
/// login (the names are not secret in the reference system either: they appear in its data).
///
/// Each scheme of the header is a small type (``BasicScheme``, ``BearerScheme``); the
/// authenticator picks the one the header names. The work comes in two steps so that a server
/// can hash away from its database connections: ``check(authorization:database:)`` reads the
/// database, ``verify(_:)`` hashes.
public final class Authenticator: Sendable {
    /// A password still to be checked against its stored hash.
    public struct PendingPassword: Sendable {
        let caller: Caller
        let password: String
        let stored: String
        let key: [UInt8]

        /// What tells this check from others (a keyed hash of the user name, the password and
        /// the stored hash): requests carrying the same credentials can wait for one hashing.
        public var identity: [UInt8] { key }
    }

    /// What the database says about a header: an answer, or a password to verify.
    public enum Check: Sendable {
        case done(Authentication)
        case password(PendingPassword)
    }

    private struct Verified {
        let caller: Caller
        let expires: ContinuousClock.Instant
    }

    private let verified = Mutex<[[UInt8]: Verified]>([:])
    /// A per-process secret, so that the cache's keys reveal nothing about passwords.
    private let cacheSecret = SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
    private let lifetime: Duration
    private let capacity: Int
    /// The schemes the `Authorization` header may name, by lower-cased name.
    private let schemes: [String: any AuthorizationScheme]

    /// - Parameters:
    ///   - schemes: The schemes accepted, Basic, Bearer and SOTicket unless told otherwise.
    ///   - lifetime: How long a verified password is trusted without hashing it again.
    ///   - capacity: How many verified logins are remembered (the oldest are dropped).
    public init(
        schemes: [any AuthorizationScheme] = [BasicScheme(), BearerScheme(), SOTicketScheme()], lifetime: Duration = .seconds(600),
        capacity: Int = 4_096
    ) {
        self.schemes = Dictionary(schemes.map { ($0.name.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
        self.lifetime = lifetime
        self.capacity = capacity
    }

    /// How many passwords were hashed so far (each is a quarter of a second of work).
    public var hashingCount: Int { hashings.load(ordering: .relaxed) }
    private let hashings = Atomic<Int>(0)

    /// The names of the accepted schemes, for a `WWW-Authenticate` answer or a message.
    public var schemeNames: [String] { schemes.values.map(\.name).sorted() }

    /// Checks a request's `Authorization` header against the database, hashing a password when
    /// it must.
    public func authenticate(authorization header: String?, database: any ArchiveDatabase) throws -> Authentication {
        switch try check(authorization: header, database: database) {
        case .done(let result): result
        case .password(let pending): verify(pending)
        }
    }

    /// The database's part: reads the login or the token; answers at once unless a password
    /// must be hashed (not remembered yet).
    public func check(authorization header: String?, database: any ArchiveDatabase) throws -> Check {
        try check(authorization: header, credentials: ArchiveCredentials(database: database))
    }

    /// ``check(authorization:database:)`` on logins and tokens kept anywhere.
    public func check(authorization header: String?, credentials source: some CredentialSource) throws -> Check {
        guard let header = header?.trimmingBlanks(), !header.isEmpty else { return .done(.missing) }
        let space = header.firstIndex(of: " ") ?? header.endIndex
        let name = header[..<space].lowercased()
        let credentials = String(header[space...].trimmingBlanks())
        guard let scheme = schemes[name] else { return .done(.unsupportedScheme(String(header[..<space]))) }
        return try scheme.check(credentials, source: source, authenticator: self)
    }

    /// The slow part: hashes the password, and remembers it when it is right.
    public func verify(_ pending: PendingPassword) -> Authentication {
        hashings.add(1, ordering: .relaxed)
        guard PasswordHasher.verify(pending.password, against: pending.stored) else {
            return .refused(reason: "wrong password for '\(pending.caller.userName)'")
        }
        let now = ContinuousClock.now
        verified.withLock { cache in
            if cache.count >= capacity { cache = cache.filter { $0.value.expires > now } }
            if cache.count >= capacity { cache.removeAll(keepingCapacity: true) }
            cache[pending.key] = Verified(caller: pending.caller, expires: now + lifetime)
        }
        return .authenticated(pending.caller)
    }

    /// A login's password: remembered as verified (answered at once), or still to be hashed.
    func check(password: String, of login: StoredLogin) -> Check {
        guard login.isActive else { return .done(.refused(reason: "user '\(login.userName)' is disabled")) }
        guard let stored = login.passwordHash else { return .done(.refused(reason: "user '\(login.userName)' has no password")) }
        let key = cacheKey(userName: login.userName, password: password, stored: stored)
        // The caller as the row says now (a changed role is seen at once); the cache only saves the hash.
        let caller = Caller(associateID: login.associateID, userName: login.userName, role: login.role)
        if let hit = verified.withLock({ $0[key] }), hit.expires > ContinuousClock.now, hit.caller.associateID == caller.associateID {
            return .done(.authenticated(caller))
        }
        return .password(PendingPassword(caller: caller, password: password, stored: stored, key: key))
    }

    private func cacheKey(userName: String, password: String, stored: String) -> [UInt8] {
        var message = Array(userName.lowercased().utf8)
        message.append(0)
        message += Array(password.utf8)
        message.append(0)
        message += Array(stored.utf8)
        return Array(HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: cacheSecret)))
    }
}
