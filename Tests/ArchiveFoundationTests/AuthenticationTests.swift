import ArchiveCore
@testable import ArchiveAuth
import ArchiveSchema
import ArchiveSQLite
import Foundation
import Testing

/// Logins, tokens and the `Authorization` header, on a real (in-memory) archive database.
@Suite("Accounts, tokens and authentication")
struct AuthenticationTests {
    let connection: Connection
    let accounts: AccountStore
    let tokens: TokenStore
    let authenticator = Authenticator()

    init() throws {
        connection = try Connection(path: ":memory:")
        try Migrator.migrate(connection)
        try connection.execute("INSERT INTO associate_type (id, name_en, name_no, name_sv, name_de) VALUES (1, 'Associate', 'Medarbeider', 'Medarbetare', 'Mitarbeiter')")
        accounts = AccountStore(database: connection, iterations: 1_000)
        tokens = TokenStore(database: connection)
    }

    func basic(_ user: String, _ password: String) -> String {
        "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
    }

    func authenticate(_ header: String?) throws -> Authentication {
        try authenticator.authenticate(authorization: header, database: connection)
    }

    @Test func aNewUserLogsInWithTheirPasswordOnly() throws {
        let id = try accounts.addUser(userName: "ada", password: "s3cret:with:colons", firstName: "Ada", lastName: "Admin")
        #expect(try authenticate(basic("ada", "s3cret:with:colons")) == .authenticated(Caller(associateID: id, userName: "ada")))
        // User names are case-insensitive; passwords are not.
        #expect(try authenticate(basic("ADA", "s3cret:with:colons")) == .authenticated(Caller(associateID: id, userName: "ada")))
        #expect(try authenticate(basic("ada", "S3CRET:with:colons")) == .refused(reason: "wrong password for 'ada'"))
        #expect(try authenticate(basic("nobody", "x")) == .refused(reason: "no user 'nobody'"))
        // The password is stored only as a salted PBKDF2 hash.
        let stored = try #require(try accounts.login(userName: "ada")?.passwordHash)
        #expect(stored.hasPrefix("pbkdf2-sha256$1000$") && !stored.contains("s3cret"))
        #expect(try connection.scalar("SELECT name FROM associate WHERE id = ?", [id]) == .text("ADA"))
    }

    @Test func aChangedPasswordOrADisabledUserIsSeenAtOnceDespiteTheCache() throws {
        try accounts.addUser(userName: "bob", password: "first")
        guard case .authenticated = try authenticate(basic("bob", "first")) else { Issue.record("first login failed"); return }
        try accounts.setPassword(userName: "bob", password: "second")
        #expect(try authenticate(basic("bob", "first")) == .refused(reason: "wrong password for 'bob'"))
        guard case .authenticated = try authenticate(basic("bob", "second")) else { Issue.record("new password refused"); return }
        try accounts.disable(userName: "bob")
        #expect(try authenticate(basic("bob", "second")) == .refused(reason: "user 'bob' is disabled"))
    }

    @Test func badHeadersAreMissingOrRefused() throws {
        #expect(try authenticate(nil) == .missing)
        #expect(try authenticate("  ") == .missing)
        #expect(try authenticate("Basic !!!notbase64") == .refused(reason: "malformed Basic credentials"))
        #expect(try authenticate("Basic " + Data("no-colon".utf8).base64EncodedString()) == .refused(reason: "malformed Basic credentials"))
        // The reference's SOTicket is a token of this server's; a ticket of the reference's own is not.
        #expect(try authenticate("SoTicket 7T:abc") == .refused(reason: "unknown, revoked or disabled token"))
        #expect(try authenticate("Negotiate abc") == .unsupportedScheme("Negotiate"))
        #expect(try authenticate("Bearer arc_notatoken") == .refused(reason: "unknown, revoked or disabled token"))
    }

    @Test func accountChangesAreChecked() throws {
        try accounts.addUser(userName: "carl", password: "pass1")
        #expect(throws: AccountError("the user 'CARL' already exists")) { try accounts.addUser(userName: "CARL", password: "pass2") }
        #expect(throws: AccountError("the short name 'carl' is taken; choose another with --short-name")) {
            try accounts.addUser(userName: "carl2", password: "pass2", shortName: "carl")
        }
        #expect(throws: AccountError("a user name is 1 to 64 characters without spaces or ':'")) { try accounts.addUser(userName: "a b", password: "pass2") }
        #expect(throws: AccountError("a password has at least 4 characters")) { try accounts.addUser(userName: "dora", password: "abc") }
        #expect(throws: AccountError("there is no user 'eve'")) { try accounts.setPassword(userName: "eve", password: "pass2") }
        #expect(throws: AccountError("there is no user 'eve'")) { try accounts.disable(userName: "eve") }
    }

    @Test func tokensAuthenticateUntilRevokedAndAreStoredOnlyAsHashes() throws {
        let id = try accounts.addUser(userName: "dag", password: "pass1")
        let (token, record) = try tokens.create(userName: "dag", name: "reporting")
        #expect(token.hasPrefix("arc_") && token.count == 47)
        #expect(record.prefix == String(token.prefix(12)))
        #expect(try authenticate("Bearer " + token) == .authenticated(Caller(associateID: id, userName: "dag")))
        #expect(try connection.scalar("SELECT count(*) FROM api_token WHERE token_hash = ?", [token]) == .integer(0))
        #expect(try tokens.list().map(\.name) == ["reporting"])

        let revoked = try tokens.revoke(String(record.id))
        #expect(revoked.revoked != nil)
        #expect(try authenticate("Bearer " + token) == .refused(reason: "unknown, revoked or disabled token"))
        #expect(throws: AccountError.self) { try tokens.revoke(String(record.id)) }
        #expect(throws: AccountError("no token has the id or prefix '999'")) { try tokens.revoke("999") }
    }

    @Test func aDisabledUsersTokensStopWorking() throws {
        try accounts.addUser(userName: "eva", password: "pass1")
        let (token, record) = try tokens.create(userName: "eva", name: "ci")
        try accounts.disable(userName: "eva")
        #expect(try authenticate("Bearer " + token) == .refused(reason: "unknown, revoked or disabled token"))
        #expect(throws: AccountError("the user 'eva' is disabled")) { try tokens.create(userName: "eva", name: "again") }
        // Revoking by prefix works too.
        #expect(try tokens.revoke(record.prefix).id == record.id)
    }
}
