import ArchiveCore
public import Foundation

/// Where a PostgreSQL archive is: a `postgres://` URL taken apart.
///
/// `postgres://user[:password]@host[:port]/database`, or a server listening on a Unix socket:
/// `postgres://user@/database?host=/run/postgresql` (the socket folder, as libpq reads it).
/// `postgresql://` is read the same. The password may also come from `PGPASSWORD`.
public struct PostgresAddress: Sendable, Hashable, CustomStringConvertible {
    public enum Endpoint: Sendable, Hashable {
        case tcp(host: String, port: Int)
        /// The socket file itself (`<folder>/.s.PGSQL.<port>`).
        case socket(path: String)
    }

    public var endpoint: Endpoint
    public var user: String
    public var password: String?
    public var database: String

    public init(endpoint: Endpoint, user: String, password: String? = nil, database: String) {
        self.endpoint = endpoint
        self.user = user
        self.password = password
        self.database = database
    }

    /// True when `text` names a PostgreSQL server rather than a file.
    public static func isURL(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    /// Reads a URL.
    ///
    /// - Throws: ``PostgresError`` naming what is missing or wrong.
    public init(url text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        guard Self.isURL(text), let components = URLComponents(string: text) else {
            throw PostgresError("'\(text)' is not a PostgreSQL URL: write postgres://user@host:port/database")
        }
        let query = Dictionary((components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { $1 })
        let unknown = Set(query.keys).subtracting(["host", "port", "sslmode"])
        guard unknown.isEmpty else {
            throw PostgresError("the PostgreSQL URL has options this engine does not read: \(unknown.sorted().joined(separator: ", ")) (it reads host, port and sslmode=disable)")
        }
        if let mode = query["sslmode"], mode != "disable" {
            throw PostgresError("sslmode=\(mode) is not supported yet: connect over a socket or a trusted network with sslmode=disable")
        }
        guard let user = components.user.flatMap({ $0.removingPercentEncoding }), !user.isEmpty else {
            throw PostgresError("the PostgreSQL URL names no user: write postgres://user@host/database")
        }
        let database = String(components.path.drop { $0 == "/" }).removingPercentEncoding ?? ""
        guard !database.isEmpty, !database.contains("/") else {
            throw PostgresError("the PostgreSQL URL names no database: write postgres://\(user)@host/database")
        }
        var port = components.port ?? 5432
        if let text = query["port"] {
            guard let value = Int(text), (1...65_535).contains(value) else { throw PostgresError("port=\(text) is not a port number") }
            port = value
        }
        let host = components.host.flatMap { $0.removingPercentEncoding } ?? ""
        if let folder = query["host"], folder.hasPrefix("/") {
            endpoint = .socket(path: folder + "/.s.PGSQL.\(port)")
        } else if !host.isEmpty {
            endpoint = .tcp(host: host, port: port)
        } else {
            throw PostgresError("the PostgreSQL URL names no host: write postgres://\(user)@host/\(database), or ?host=/socket/folder")
        }
        self.user = user
        self.password = components.password?.removingPercentEncoding ?? environment["PGPASSWORD"]
        self.database = database
    }

    /// The address as a URL without its password, for messages and cache keys.
    public var description: String {
        switch endpoint {
        case let .tcp(host, port): return "postgres://\(user)@\(host):\(port)/\(database)"
        case let .socket(path):
            // Written back the way it is read: the socket's folder, and its port unless 5432.
            guard let marker = path.range(of: "/.s.PGSQL.", options: .backwards) else {
                return "postgres://\(user)@/\(database)?socket=\(path)"
            }
            let port = path[marker.upperBound...]
            return "postgres://\(user)@/\(database)?host=\(path[..<marker.lowerBound])" + (port == "5432" ? "" : "&port=\(port)")
        }
    }
}
