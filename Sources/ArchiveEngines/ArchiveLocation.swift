import ArchivePostgres

/// Where an archive is, as a user writes it: a SQLite database file's path, or a PostgreSQL
/// database as `postgres://user[:password]@host[:port]/database` (or over a socket,
/// `postgres://user@/database?host=/socket/folder`).
public struct ArchiveLocation: Sendable, Hashable, CustomStringConvertible {
    enum Place: Sendable, Hashable {
        case file(String)
        case postgres(PostgresAddress)
    }

    let place: Place

    /// Reads a path or a URL.
    ///
    /// - Throws: ``ArchiveLocationError`` for a URL that is not a PostgreSQL address, or a path
    ///   SQLite would read as something other than a file (`""`, `:memory:`, `file:` URIs).
    public init(_ text: String) throws {
        if PostgresAddress.isURL(text) {
            do { place = .postgres(try PostgresAddress(url: text)) } catch let error as PostgresError { throw ArchiveLocationError(error.message) }
        } else {
            // SQLite reads "" as a private temporary database and ":memory:" as an in-memory one;
            // either would silently write nothing.
            guard !text.isEmpty, text != ":memory:", !text.hasPrefix("file:") else {
                throw ArchiveLocationError("a database file or a postgres:// URL is needed, not '\(text)'")
            }
            place = .file(text)
        }
    }

    /// True for a SQLite database file.
    public var isFile: Bool { if case .file = place { true } else { false } }

    /// The file's path, or the server's address without its password.
    public var description: String {
        switch place {
        case .file(let path): path
        case .postgres(let address): address.description
        }
    }
}

/// A location, or an archive there, that cannot be used: one line that says why.
public struct ArchiveLocationError: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String

    public init(_ description: String) { self.description = description }
}
