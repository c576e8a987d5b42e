import ArchiveAuth
import ArchiveCore
import ArchiveEngines
import ArgumentParser
import Foundation

struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Add API users, set their passwords and roles, or disable them.",
        discussion: """
            Users are the archive's associates; the REST API accepts their user name and password \
            (Authorization: Basic). Passwords are stored only as salted, slow hashes. A password is \
            asked for on the terminal, or read from the first line of standard input with \
            --password-stdin. Every user may read the archive; a user with the write role may also \
            create, change and delete chat sessions through the API (/api/v1/ChatSession).
            """,
        subcommands: [Add.self, Passwd.self, Role.self, Disable.self]
    )

    /// Runs `body` on the archive, for writing; it must be a current archive.
    static func withArchive<T>(_ database: ArchiveLocationOption, _ access: Archives.Access = .write, _ body: (any ArchiveDatabase) throws -> T) throws -> T {
        try Archives.withDatabase(try database.location, access, body)
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a user who can call the API.")

        @OptionGroup var database: ArchiveLocationOption
        @Argument(help: "The login name (case-insensitive).") var userName: String
        @Option(help: "The short name shown for the user in chats (default: the login name in capitals).") var shortName: String?
        @Option(help: "The user's first name.") var firstName: String?
        @Option(help: "The user's last name.") var lastName: String?
        @Option(help: ArgumentHelp("What the user may do: read (query the archive) or write (also change chat sessions).", valueName: "role"))
        var role: RoleArgument = .read
        @Flag(help: "Read the password from the first line of standard input.") var passwordStdin = false

        func run() throws {
            let id = try UserCommand.withArchive(database) { archive in
                let password = try PasswordInput.read(fromStandardInput: passwordStdin)
                return try AccountStore(database: archive).addUser(
                    userName: userName, password: password, shortName: shortName, firstName: firstName, lastName: lastName, role: role.role)
            }
            print("Added \(userName) (associate \(id)), who may \(role.rawValue).")
        }
    }

    struct Role: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set what a user may do through the API: read, or write as well.")

        @OptionGroup var database: ArchiveLocationOption
        @Argument(help: "The login name.") var userName: String
        @Argument(help: ArgumentHelp("read or write.", valueName: "role")) var role: RoleArgument

        func run() throws {
            try UserCommand.withArchive(database) { try AccountStore(database: $0).setRole(userName: userName, role: role.role) }
            print("\(userName) may now \(role.rawValue).")
        }
    }

    struct Passwd: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set a user's password.")

        @OptionGroup var database: ArchiveLocationOption
        @Argument(help: "The login name.") var userName: String
        @Flag(help: "Read the password from the first line of standard input.") var passwordStdin = false

        func run() throws {
            try UserCommand.withArchive(database) { archive in
                let store = AccountStore(database: archive)
                guard try store.login(userName: userName) != nil else { throw CommandError("there is no user '\(userName)'") }
                try store.setPassword(userName: userName, password: try PasswordInput.read(fromStandardInput: passwordStdin))
            }
            print("Set the password of \(userName).")
        }
    }

    struct Disable: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop a user from calling the API (password and tokens).")

        @OptionGroup var database: ArchiveLocationOption
        @Argument(help: "The login name.") var userName: String

        func run() throws {
            try UserCommand.withArchive(database) { try AccountStore(database: $0).disable(userName: userName) }
            print("Disabled \(userName).")
        }
    }
}

struct TokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Create, list and revoke API tokens (Authorization: Bearer).",
        discussion: """
            A token is printed once, when it is created; the database keeps only its SHA-256. \
            It works until it is revoked or its user is disabled.
            """,
        subcommands: [Create.self, List.self, Revoke.self]
    )

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a token for a user and print it.")

        @OptionGroup var database: ArchiveLocationOption
        @Argument(help: "The login name of the user the token acts as.") var userName: String
        @Option(help: "What the token is for, to recognise it later.") var name: String

        func run() throws {
            let (token, record) = try UserCommand.withArchive(database) { try TokenStore(database: $0).create(userName: userName, name: name) }
            do { try Terminal.writeOutput(token + "\n") } catch {
                // No one has the token: it must not work.
                _ = try UserCommand.withArchive(database) { try TokenStore(database: $0).revoke(String(record.id)) }
                throw CommandError("\(error); the token \(record.id) was revoked, since no one can have it")
            }
            Terminal.writeError("Token \(record.id) for \(record.userName) ('\(record.name)'). It is shown only now: keep it safe.\n")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the tokens (never the tokens themselves).")

        @OptionGroup var database: ArchiveLocationOption

        func run() throws {
            let tokens = try UserCommand.withArchive(database, .read) { try TokenStore(database: $0).list() }
            guard !tokens.isEmpty else {
                print("No tokens.")
                return
            }
            print("id".leftPadded(4) + "  " + "prefix".rightPadded(12) + "  " + "user".rightPadded(12) + "  " + "created".rightPadded(19) + "  state      name")
            for token in tokens {
                let state = token.revoked.map { "revoked " + $0.prefix(10) } ?? "valid"
                print(String(token.id).leftPadded(4) + "  " + token.prefix.rightPadded(12) + "  " + token.userName.rightPadded(12) + "  "
                    + token.created.rightPadded(19) + "  " + state.rightPadded(9) + "  " + token.name)
            }
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token, by its id or prefix.")

        @OptionGroup var database: ArchiveLocationOption
        @Argument(help: "The token's id or prefix (from `archive token list`).") var token: String

        func run() throws {
            let record = try UserCommand.withArchive(database) { try TokenStore(database: $0).revoke(token) }
            print("Revoked token \(record.id) of \(record.userName) ('\(record.name)').")
        }
    }
}

/// A role as the command line writes it.
enum RoleArgument: String, ExpressibleByArgument, CaseIterable {
    case read, write

    var role: ArchiveAuth.Role { self == .write ? .write : .read }
}
