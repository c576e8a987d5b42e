import ArchiveCore
import Foundation

/// One way the `Authorization` header names a caller: `Authorization: <name> <credentials>`.
///
/// The ``Authenticator`` picks the scheme the header names (without regard to case) and asks it
/// what the archive says of the credentials.
public protocol AuthorizationScheme: Sendable {
    /// The scheme's name as clients write it (`Basic`, `Bearer`).
    var name: String { get }
    /// What the logins and tokens say of `credentials`: an answer, or a password still to hash.
    func check(_ credentials: String, source: some CredentialSource, authenticator: Authenticator) throws -> Authenticator.Check
}

/// `Authorization: Basic base64(user:password)`: an associate's login name and password.
public struct BasicScheme: AuthorizationScheme {
    public let name = "Basic"

    public init() {}

    /// The user name of an `Authorization: Basic …` header, lower-cased (for throttling
    /// failures per account); nil for any other header.
    public static func userName(inHeader header: String) -> String? {
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "basic", let data = Data(base64Encoded: String(parts[1])),
            let decoded = String(data: data, encoding: .utf8), let colon = decoded.firstIndex(of: ":")
        else { return nil }
        return decoded[..<colon].lowercased()
    }

    public func check(_ credentials: String, source: some CredentialSource, authenticator: Authenticator) throws -> Authenticator.Check {
        guard let data = Data(base64Encoded: credentials), let decoded = String(data: data, encoding: .utf8),
            let colon = decoded.firstIndex(of: ":")
        else { return .done(.refused(reason: "malformed Basic credentials")) }
        let userName = String(decoded[..<colon]), password = String(decoded[decoded.index(after: colon)...])
        // No login has it; an engine may refuse it in text (PostgreSQL does).
        guard !userName.containsNUL else { return .done(.refused(reason: "a user name with the NUL character")) }
        guard let login = try source.login(userName: userName) else { return .done(.refused(reason: "no user '\(userName)'")) }
        return authenticator.check(password: password, of: login)
    }
}

/// `Authorization: Bearer arc_…`: a token from `archive token create`, of an active associate.
public struct BearerScheme: AuthorizationScheme {
    public let name = "Bearer"

    public init() {}

    public func check(_ credentials: String, source: some CredentialSource, authenticator: Authenticator) throws -> Authenticator.Check {
        guard let hash = TokenStore.hashIfWellFormed(credentials), let owner = try source.associate(tokenHash: hash) else {
            return .done(.refused(reason: "unknown, revoked or disabled token"))
        }
        return .done(.authenticated(Caller(associateID: owner.id, userName: owner.userName, role: owner.role)))
    }
}

/// `Authorization: SOTicket <ticket>`: the reference's own scheme, as its SDK sends it. A ticket
/// is a token this server issued (`archive token create`), with the same role and revocation as
/// under Bearer.
public struct SOTicketScheme: AuthorizationScheme {
    public let name = "SOTicket"

    public init() {}

    public func check(_ credentials: String, source: some CredentialSource, authenticator: Authenticator) throws -> Authenticator.Check {
        try BearerScheme().check(credentials, source: source, authenticator: authenticator)
    }
}
