public import ArchiveSQLite

/// Where the ``Authenticator`` reads logins and tokens: the archive's own database, whichever
/// engine holds it. ``SQLiteCredentials`` reads a SQLite archive; the PostgreSQL backend has its own.
public protocol CredentialSource {
    /// The login with this user name (compared without regard to ASCII case), if any.
    func login(userName: String) throws -> StoredLogin?
    /// The active associate owning the token whose SHA-256 (lower-case hex) is `tokenHash`, if
    /// the token is not revoked.
    func associate(tokenHash: String) throws -> TokenOwner?
}

/// The associate a token belongs to.
public struct TokenOwner: Sendable, Equatable {
    public let id: Int64
    public let userName: String
    public let role: Role

    public init(id: Int64, userName: String, role: Role) {
        self.id = id
        self.userName = userName
        self.role = role
    }
}

/// Logins and tokens in a SQLite archive.
public struct SQLiteCredentials: CredentialSource {
    let connection: Connection

    public init(connection: Connection) { self.connection = connection }

    public func login(userName: String) throws -> StoredLogin? {
        try AccountStore(connection: connection).login(userName: userName)
    }

    public func associate(tokenHash: String) throws -> TokenOwner? {
        try TokenStore(connection: connection).associate(tokenHash: tokenHash)
    }
}
