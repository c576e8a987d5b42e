public import ArchiveSQLite

/// How the archive server runs.
public struct ServerConfiguration: Sendable {
    /// The archive database file.
    public var databasePath: String
    public var host = "127.0.0.1"
    public var port = 8080
    /// The rows of a response when the request has no `$top`; more rows are reached through
    /// `odata.nextLink`. Clients may lower it with `Prefer: odata.maxpagesize=N`.
    public var pageSize = 1_000
    /// The most rows a response holds when the request gives `$top` (nil: no limit). A larger
    /// `$top` gets this many rows and a next link to the rest.
    public var maximumTop: Int? = nil
    /// How durable an acknowledged write is: FULL (the default) waits until it is on disk, so it
    /// survives a crash of the server or of the machine; NORMAL survives a crash of the server only.
    public var synchronous: Connection.Configuration.Synchronous = .full
    /// Changed rows after which the planner's statistics are refreshed (nil: a tenth of the
    /// chats when the server started).
    public var analyzeThreshold: Int? = nil
    /// The largest URL and headers a request may have (414 and 431 beyond them).
    var requestLimits = RequestLimits()
    /// The origins of web pages that may call the API from a browser (CORS); none by default.
    public var corsOrigins: [String] = []
    /// How long one query may use the database before it is stopped (503 `QueryTimeout`).
    /// Time spent waiting for a slow client to read the response does not count.
    public var queryTimeout: Duration = .seconds(10)
    /// How many read-only connections serve requests at once.
    public var readerCount = 8

    public init(databasePath: String) {
        self.databasePath = databasePath
    }
}
