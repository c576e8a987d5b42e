public import ArchiveWebhooks

/// How the archive server runs.
public struct ServerConfiguration: Sendable {
    /// The hostname or IP address the server listens on; the default takes connections from this machine only.
    public var host = "127.0.0.1"
    /// The TCP port the server listens on.
    public var port = 8080
    /// The rows of a response when the request has no `$top`; more rows are reached through
    /// `odata.nextLink`. Clients may lower it with `Prefer: odata.maxpagesize=N`.
    public var pageSize = 1_000
    /// The most rows a response holds when the request gives `$top` (nil: no limit). A larger
    /// `$top` gets this many rows and a next link to the rest.
    public var maximumTop: Int? = nil
    /// Changed rows after which the engine measures the tables again for the planner (nil: a
    /// tenth of the chats when the server started).
    public var analyzeThreshold: Int? = nil
    /// The largest URL and headers a request may have (414 and 431 beyond them).
    var requestLimits = RequestLimits()
    /// The origins of web pages that may call the API from a browser (CORS); none by default.
    public var corsOrigins: [String] = []
    /// How long one query may use the database before it is stopped (503 `QueryTimeout`). Time
    /// spent waiting for a slow client to read the response does not count where the engine can
    /// tell (SQLite); an engine that stops statements itself (PostgreSQL's `statement_timeout`,
    /// set from the same figure when the archive is opened) counts the whole statement.
    public var queryTimeout: Duration = .seconds(10)
    /// The secret that signs `$skiptoken` cursors (at least 32 bytes). Servers behind one
    /// address (say, one per read replica) need the same one, so that a next link works on
    /// whichever answers it. Nil: a random secret per process (links end with the process).
    public var cursorKey: [UInt8]? = nil
    /// The applications admitted by their `SO-AppToken` header: token → name (for the log). Nil
    /// admits every call, with or without the header; the log then names an application by a
    /// digest of its token.
    public var applicationTokens: [String: String]? = nil
    /// Failed sign-ins allowed within a minute for one user name, whether an account has it or
    /// not; past them, that name is answered 429 with `Retry-After` until the minute is over.
    public var failedSignInsPerAccount = 5
    /// Failed sign-ins allowed within a minute from one client address (the clients of a proxy
    /// share its address); past them, 429 as for an account.
    public var failedSignInsPerAddress = 20
    /// The key file's contents that seal webhook secrets (at least 32 bytes); nil: webhooks may
    /// not have secrets.
    public var webhookKey: [UInt8]? = nil
    /// Whether webhook targets on loopback addresses are admitted (local receivers, tests).
    public var allowsLoopbackWebhooks = false
    /// The `ContextIdentifier` of webhook events (the tenant; empty on-site, as the reference).
    public var webhookContext = ""
    /// How the webhook dispatcher waits between tries and looks at the feed.
    public var webhookTiming = WebhookDispatcher.Timing()
    /// Browser sessions end after this long without a request.
    public var sessionIdleLimit: Duration = .seconds(30 * 60)
    /// Browser sessions end this long after sign-in in any case.
    public var sessionAbsoluteLimit: Duration = .seconds(12 * 3600)
    /// The addresses of proxies whose `X-Forwarded-Proto: https` is believed: the session
    /// cookie is then `Secure`.
    public var trustedProxies: [String] = []
    /// Whether the server delivers webhooks (tests that drive deliveries themselves turn it off).
    public var deliversWebhooks = true

    /// The defaults: 127.0.0.1:8080, pages of 1,000 rows, queries stopped after 10 s.
    public init() {}
}
