public import ArchiveCore

/// Where the ``Authenticator`` reads logins and tokens: the archive's own database
/// (``ArchiveCredentials``), whichever engine holds it.
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

/// Logins and tokens in an archive, of either engine.
public struct ArchiveCredentials: CredentialSource {
    let database: any ArchiveDatabase

    public init(database: any ArchiveDatabase) { self.database = database }

    public func login(userName: String) throws -> StoredLogin? {
        try AccountStore(database: database).login(userName: userName)
    }

    public func associate(tokenHash: String) throws -> TokenOwner? {
        try TokenStore(database: database).associate(tokenHash: tokenHash)
    }
}
