public import ArchivePostgres
public import ArchiveSQLite

/// Where the archive a server serves is.
public enum ArchiveLocation: Sendable, Equatable {
    /// A SQLite database file.
    case file(String)
    /// A PostgreSQL database (a primary, or a read replica for a server that only reads).
    case postgres(PostgresAddress)
}

/// How the archive server runs.
public struct ServerConfiguration: Sendable {
    /// The archive.
    public var location: ArchiveLocation
    public var host = "127.0.0.1"
    public var port = 8080
    /// The rows of a response when the request has no `$top`; more rows are reached through
    /// `odata.nextLink`. Clients may lower it with `Prefer: odata.maxpagesize=N`.
    public var pageSize = 1_000
    /// The most rows a response holds when the request gives `$top` (nil: no limit). A larger
    /// `$top` gets this many rows and a next link to the rest.
    public var maximumTop: Int? = nil
    /// SQLite only: how durable an acknowledged write is: FULL (the default) waits until it is on disk, so it
    /// survives a crash of the server or of the machine; NORMAL survives a crash of the server only.
    public var synchronous: Connection.Configuration.Synchronous = .full
    /// SQLite only (PostgreSQL analyzes by itself): changed rows after which the planner's
    /// statistics are refreshed (nil: a tenth of the chats when the server started).
    public var analyzeThreshold: Int? = nil
    /// The largest URL and headers a request may have (414 and 431 beyond them).
    var requestLimits = RequestLimits()
    /// The origins of web pages that may call the API from a browser (CORS); none by default.
    public var corsOrigins: [String] = []
    /// How long one query may use the database before it is stopped (503 `QueryTimeout`).
    /// On SQLite, time spent waiting for a slow client to read the response does not count; on
    /// PostgreSQL it is the sessions' `statement_timeout`, which counts the whole statement.
    public var queryTimeout: Duration = .seconds(10)
    /// The secret that signs `$skiptoken` cursors (at least 32 bytes). Servers behind one
    /// address (say, one per read replica) need the same one, so that a next link works on
    /// whichever answers it. Nil: a random secret per process (links end with the process).
    public var cursorKey: [UInt8]? = nil
    /// How many read-only connections serve requests at once (on PostgreSQL, the pool's size).
    public var readerCount = 8

    /// A server of a SQLite archive file.
    public init(databasePath: String) {
        location = .file(databasePath)
    }

    /// A server of an archive anywhere.
    public init(location: ArchiveLocation) {
        self.location = location
    }
}
