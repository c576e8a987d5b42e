public import ArchiveCore
import Crypto
import Foundation

/// An API token as listed: never the token itself, which is shown only when created.
public struct TokenRecord: Sendable, Equatable {
    public let id: Int64
    public let userName: String
    public let name: String
    /// The token's first characters, to tell tokens apart.
    public let prefix: String
    public let created: String
    /// When it was revoked (UTC), or nil while it is valid.
    public let revoked: String?
}

/// Bearer tokens for the REST API: 256 random bits, stored as their SHA-256.
///
/// ```swift
/// let store = TokenStore(database: database)
/// let (token, record) = try store.create(userName: "tje0", name: "reporting")
/// // give `token` to the client; the database keeps only its hash
/// try store.associate(forToken: token)   // tje0's associate id
/// ```
public struct TokenStore {
    let database: any ArchiveDatabase

    /// Every token starts with this, so that a leaked one is recognisable.
    public static let marker = "arc_"
    static let prefixLength = 12

    public init(database: any ArchiveDatabase) { self.database = database }

    /// Creates a token for an active user; returns the token (to show once) and its record.
    public func create(userName: String, name: String) throws -> (token: String, record: TokenRecord) {
        guard let login = try AccountStore(database: database).login(userName: userName) else {
            throw AccountError("there is no user '\(userName)'")
        }
        guard login.isActive else { throw AccountError("the user '\(userName)' is disabled") }
        guard !name.isEmpty, name.count <= 100 else { throw AccountError("a token's name is 1 to 100 characters") }
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let token = Self.marker + Self.base64URL(bytes)
        let prefix = String(token.prefix(Self.prefixLength))
        let created = AccountStore.now()
        let id = try database.insertReturningID("""
            INSERT INTO api_token (id, associate_id, name, prefix, token_hash, created)
            VALUES (\(newID: "api_token"), \(login.associateID), \(name), \(prefix), \(Self.hash(token)), \(moment: created)) RETURNING id
            """)
        let record = TokenRecord(
            id: id, userName: login.userName, name: name, prefix: prefix, created: StoredDateTime.format(created), revoked: nil)
        return (token, record)
    }

    /// Every token, newest first.
    public func list() throws -> [TokenRecord] {
        try database.fetchAll(
            """
            SELECT t.id, a.user_name, t.name, t.prefix, t.created, t.revoked
            FROM api_token AS t JOIN associate AS a ON a.id = t.associate_id ORDER BY t.id DESC
            """
        ).map { row in
            TokenRecord(
                id: row[0].integerValue ?? 0, userName: row[1].textValue ?? "", name: row[2].textValue ?? "",
                prefix: row[3].textValue ?? "", created: row[4].textValue ?? "", revoked: row[5].textValue)
        }
    }

    /// Revokes the token with this id or prefix (it must match one token). Revoking a revoked
    /// token is refused, so that a typo is noticed.
    @discardableResult
    public func revoke(_ idOrPrefix: String) throws -> TokenRecord {
        let matches = try list().filter { String($0.id) == idOrPrefix || (idOrPrefix.count >= 6 && $0.prefix.hasPrefix(idOrPrefix)) }
        guard matches.count == 1, let token = matches.first else {
            let none = idOrPrefix.count < 6 && !idOrPrefix.allSatisfy(\.isNumber)
                ? "'\(idOrPrefix)' is too short to name a token: give its id or at least 6 characters of its prefix (archive token list shows both)"
                : "no token has the id or prefix '\(idOrPrefix)'"
            throw AccountError(matches.isEmpty ? none : "'\(idOrPrefix)' matches \(matches.count) tokens; give the id")
        }
        guard token.revoked == nil else { throw AccountError("the token \(token.id) was already revoked on \(token.revoked!)") }
        try database.perform("UPDATE api_token SET revoked = \(moment: AccountStore.now()) WHERE id = \(token.id)")
        return try list().first { $0.id == token.id }!
    }

    /// The associate a valid token belongs to: not revoked, and the user still active.
    public func associate(forToken token: String) throws -> (id: Int64, userName: String, role: Role)? {
        guard let hash = Self.hashIfWellFormed(token), let owner = try associate(tokenHash: hash) else { return nil }
        return (owner.id, owner.userName, owner.role)
    }

    /// The active associate owning the token with this hash, if it is not revoked.
    func associate(tokenHash: String) throws -> TokenOwner? {
        let row = try database.fetchOne("""
            SELECT a.id, a.user_name, a.api_role FROM api_token AS t JOIN associate AS a ON a.id = t.associate_id
            WHERE t.token_hash = \(tokenHash) AND t.revoked IS NULL AND a.is_active = 1
            """)
        guard let row, let id = row[0].integerValue, let name = row[1].textValue else { return nil }
        return TokenOwner(id: id, userName: name, role: row[2].textValue.flatMap(Role.init(rawValue:)) ?? .read)
    }

    /// The hash a token is stored under, or nil for text that is not one of this engine's tokens.
    public static func hashIfWellFormed(_ token: String) -> String? {
        token.hasPrefix(marker) ? hash(token) : nil
    }

    /// Hex SHA-256 of a token.
    static func hash(_ token: String) -> String {
        SHA256.hash(data: Array(token.utf8)).map { byte in
            let hex = String(byte, radix: 16)
            return hex.count == 1 ? "0" + hex : hex
        }.joined()
    }

    static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}
