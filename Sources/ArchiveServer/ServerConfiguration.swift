/// How the archive server runs.
public struct ServerConfiguration: Sendable {
    /// The archive database file.
    public var databasePath: String
    public var host = "127.0.0.1"
    public var port = 8080
    /// The most rows one response holds; more rows are reached through `odata.nextLink`.
    /// Clients may lower it with `Prefer: odata.maxpagesize=N`.
    public var pageSize = 1_000
    /// How long one query may use the database before it is stopped (503 `QueryTimeout`).
    /// Time spent waiting for a slow client to read the response does not count.
    public var queryTimeout: Duration = .seconds(10)
    /// How many read-only connections serve requests at once.
    public var readerCount = 8

    public init(databasePath: String) {
        self.databasePath = databasePath
    }
}
