public import ArchiveAuth
import ArchiveSQLite

/// Logins and tokens in a PostgreSQL archive, for the ``Authenticator``.
///
/// The same reads as ``SQLiteCredentials``; user names compare through `archive_fold`, which
/// the schema's unique index on associates' user names is on.
public struct PostgresCredentials: CredentialSource {
    let session: PostgresSession

    public init(session: PostgresSession) { self.session = session }

    public func login(userName: String) throws -> StoredLogin? {
        var login: StoredLogin?
        try session.forEachRow(
            "SELECT id, user_name, password_hash, is_active, api_role FROM associate WHERE archive_fold(user_name) = archive_fold($1)",
            [.text(userName)]
        ) { row in
            guard login == nil, let name = row.string(at: 1) else { return }
            login = StoredLogin(
                associateID: row.int64(at: 0), userName: name, passwordHash: row.string(at: 2), isActive: row.int64(at: 3) == 1,
                role: row.string(at: 4).flatMap(Role.init(rawValue:)) ?? .read)
        }
        return login
    }

    public func associate(tokenHash: String) throws -> TokenOwner? {
        var owner: TokenOwner?
        try session.forEachRow(
            """
            SELECT a.id, a.user_name, a.api_role FROM api_token AS t JOIN associate AS a ON a.id = t.associate_id
            WHERE t.token_hash = $1 AND t.revoked IS NULL AND a.is_active = 1
            """, [.text(tokenHash)]
        ) { row in
            guard owner == nil, let name = row.string(at: 1) else { return }
            owner = TokenOwner(id: row.int64(at: 0), userName: name, role: row.string(at: 2).flatMap(Role.init(rawValue:)) ?? .read)
        }
        return owner
    }
}
