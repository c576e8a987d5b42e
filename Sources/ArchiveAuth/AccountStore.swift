public import ArchiveCore
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

/// The associates' logins: adding users, setting passwords, disabling them, on an archive of
/// either engine.
///
/// Passwords are stored only as salted, slow hashes (``PasswordHasher``).
public struct AccountStore {
    let database: any ArchiveDatabase
    let iterations: Int

    /// - Parameter iterations: The PBKDF2 cost of new hashes (lower only in tests).
    public init(database: any ArchiveDatabase, iterations: Int = PasswordHasher.defaultIterations) {
        self.database = database
        self.iterations = iterations
    }

    /// The login with this user name (case-insensitive), if any.
    public func login(userName: String) throws -> StoredLogin? {
        let row = try database.fetchOne(
            "SELECT id, user_name, password_hash, is_active, api_role FROM associate WHERE \(foldedColumn: "user_name") = \(folded: userName)")
        guard let row, let id = row[0].integerValue, let name = row[1].textValue else { return nil }
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
        if try database.fetchOne("SELECT 1 FROM associate WHERE \(foldedColumn: "name") = \(folded: name)") != nil {
            throw AccountError("the short name '\(name)' is taken; choose another with --short-name")
        }
        let type = try database.fetchValue("SELECT min(id) FROM associate_type")?.integerValue
        guard let type else { throw AccountError("the database has no associate types; seed or migrate it first") }
        let hash = PasswordHasher.hash(password, iterations: iterations)
        return try database.insertReturningID("""
            INSERT INTO associate (id, name, user_name, first_name, last_name, associate_type_id, credential_type, is_active, password_hash, registered, api_role)
            VALUES (\(newID: "associate"), \(name), \(userName), \(firstName), \(lastName), \(type), 'Password', 1, \(hash), \(moment: Self.now()), \(role.rawValue))
            RETURNING id
            """)
    }

    /// Sets a user's password (and enables password login for them).
    public func setPassword(userName: String, password: String) throws {
        try Self.checkPassword(password)
        let login = try existing(userName)
        let hash = PasswordHasher.hash(password, iterations: iterations)
        try database.perform("UPDATE associate SET password_hash = \(hash), updated = \(moment: Self.now()) WHERE id = \(login.associateID)")
    }

    /// Sets what a user may do through the API.
    public func setRole(userName: String, role: Role) throws {
        let login = try existing(userName)
        try database.perform("UPDATE associate SET api_role = \(role.rawValue), updated = \(moment: Self.now()) WHERE id = \(login.associateID)")
    }

    /// Stops a user from logging in, with a password or a token.
    public func disable(userName: String) throws {
        let login = try existing(userName)
        try database.perform("UPDATE associate SET is_active = 0, updated = \(moment: Self.now()) WHERE id = \(login.associateID)")
    }

    private func existing(_ userName: String) throws -> StoredLogin {
        guard let login = try login(userName: userName) else { throw AccountError("there is no user '\(userName)'") }
        return login
    }

    static func checkUserName(_ userName: String) throws {
        guard !userName.isEmpty, userName.count <= 64, !userName.contains(":"), !userName.contains(where: \.isWhitespace) else {
            throw AccountError("a user name is 1 to 64 characters without spaces or ':'")
        }
    }

    static func checkPassword(_ password: String) throws {
        guard password.count >= 4 else { throw AccountError("a password has at least 4 characters") }
    }

    /// Now, in whole seconds since 1970 (UTC).
    static func now() -> Int64 { Int64(Date().timeIntervalSince1970) }
}
