public import ArchiveSQLite
import ArchiveSchema
import Foundation

/// What the database says about one login: who it is, its password hash, whether it may log in.
public struct StoredLogin: Sendable, Equatable {
    public let associateID: Int64
    public let userName: String
    /// `nil`: the user has no password (cannot log in with Basic).
    public let passwordHash: String?
    public let isActive: Bool
    public let role: Role

    public init(associateID: Int64, userName: String, passwordHash: String?, isActive: Bool, role: Role) {
        self.associateID = associateID
        self.userName = userName
        self.passwordHash = passwordHash
        self.isActive = isActive
        self.role = role
    }
}

/// Why an account change was refused.
public struct AccountError: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}

/// The associates' logins: adding users, setting passwords, disabling them.
///
/// Passwords are stored only as salted, slow hashes (``PasswordHasher``).
public struct AccountStore {
    let connection: Connection
    let iterations: Int

    /// - Parameter iterations: The PBKDF2 cost of new hashes (lower only in tests).
    public init(connection: Connection, iterations: Int = PasswordHasher.defaultIterations) {
        self.connection = connection
        self.iterations = iterations
    }

    /// The login with this user name (case-insensitive), if any.
    public func login(userName: String) throws -> StoredLogin? {
        let rows = try connection.rows(
            "SELECT id, user_name, password_hash, is_active, api_role FROM associate WHERE user_name = ?", [userName])
        guard let row = rows.first, let id = row[0].integerValue, let name = row[1].textValue else { return nil }
        return StoredLogin(
            associateID: id, userName: name, passwordHash: row[2].textValue, isActive: row[3].integerValue == 1,
            role: row[4].textValue.flatMap(Role.init(rawValue:)) ?? .read)
    }

    /// Adds an associate who can log in. The short name (shown wherever the associate appears)
    /// defaults to the user name in capitals.
    @discardableResult
    public func addUser(
        userName: String, password: String, shortName: String? = nil, firstName: String? = nil, lastName: String? = nil, role: Role = .read
    ) throws -> Int64 {
        try Self.checkUserName(userName)
        try Self.checkPassword(password)
        if try login(userName: userName) != nil { throw AccountError("the user '\(userName)' already exists") }
        let name = shortName ?? userName.uppercased()
        if try connection.scalar("SELECT count(*) FROM associate WHERE name = ?", [name]) != .integer(0) {
            throw AccountError("the short name '\(name)' is taken; choose another with --short-name")
        }
        let type = try connection.scalar("SELECT min(id) FROM associate_type")?.integerValue
        guard let type else { throw AccountError("the database has no associate types; seed or migrate it first") }
        try connection.run(
            """
            INSERT INTO associate (name, user_name, first_name, last_name, associate_type_id, credential_type, is_active, password_hash, registered, api_role)
            VALUES (?, ?, ?, ?, ?, 'Password', 1, ?, ?, ?)
            """,
            [name, userName, firstName, lastName, type, PasswordHasher.hash(password, iterations: iterations), Self.now(), role.rawValue])
        return connection.lastInsertedRowID
    }

    /// Sets a user's password (and enables password login for them).
    public func setPassword(userName: String, password: String) throws {
        try Self.checkPassword(password)
        guard try login(userName: userName) != nil else { throw AccountError("there is no user '\(userName)'") }
        try connection.run(
            "UPDATE associate SET password_hash = ?, updated = ? WHERE user_name = ?",
            [PasswordHasher.hash(password, iterations: iterations), Self.now(), userName])
    }

    /// Sets what a user may do through the API.
    public func setRole(userName: String, role: Role) throws {
        guard try login(userName: userName) != nil else { throw AccountError("there is no user '\(userName)'") }
        try connection.run("UPDATE associate SET api_role = ?, updated = ? WHERE user_name = ?", [role.rawValue, Self.now(), userName])
    }

    /// Stops a user from logging in, with a password or a token.
    public func disable(userName: String) throws {
        guard try login(userName: userName) != nil else { throw AccountError("there is no user '\(userName)'") }
        try connection.run("UPDATE associate SET is_active = 0, updated = ? WHERE user_name = ?", [Self.now(), userName])
    }

    static func checkUserName(_ userName: String) throws {
        guard !userName.isEmpty, userName.count <= 64, !userName.contains(":"), !userName.contains(where: \.isWhitespace) else {
            throw AccountError("a user name is 1 to 64 characters without spaces or ':'")
        }
    }

    static func checkPassword(_ password: String) throws {
        guard password.count >= 4 else { throw AccountError("a password has at least 4 characters") }
    }

    /// The current UTC time in the database's datetime format.
    static func now() -> String {
        let seconds = Int64(Date().timeIntervalSince1970)
        return StoredDateTime.format(seconds)
    }
}
