import ArchiveQueryLanguage
import ArchiveAuth
import Hummingbird
import Synchronization

/// What a request carries from the middleware to its route: Hummingbird's own storage, the
/// query string's options (decoded once), the response format (negotiated once), and who the
/// caller is once the authentication middleware has named them.
struct ArchiveRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// The query string's options, or nil when it is not well formed (the routes that read
    /// options answer 400 then).
    var queryOptions: [(name: String, value: String)]? = []
    /// The format `$format` and `Accept` choose; nil when `Accept` allows none the server writes.
    var negotiatedFormat: ResponseFormat? = .json
    /// The caller, set by ``AuthenticationMiddleware`` on the routes that need credentials.
    var caller: Caller?
    /// The client's address (failed sign-ins are counted per address), when the connection has one.
    let clientAddress: String?
    /// What the request's log line says of it, filled in on the way.
    let record = RequestRecord()

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        clientAddress = source.channel.remoteAddress?.ipAddress
    }

    /// The format of a document answer: the negotiated one, or a 406.
    func acceptableFormat(_ request: Request) throws -> ResponseFormat {
        guard let negotiatedFormat else { throw APIError.notAcceptable(request) }
        return negotiatedFormat
    }

    /// The authenticated caller; only routes behind ``AuthenticationMiddleware`` ask.
    func authenticatedCaller() throws -> Caller {
        guard let caller else { throw APIError(.internalServerError, "InternalError", "the route has no authentication") }
        return caller
    }
}

/// What the log line of a request says about who made it, written by the middleware that learns
/// it and read by ``RequestLogMiddleware`` (the context itself is passed down, not back up).
final class RequestRecord: Sendable {
    private let user = Mutex("-")
    private let app = Mutex<String?>(nil)

    var userName: String {
        get { user.withLock { $0 } }
        set { user.withLock { $0 = newValue } }
    }

    /// The application that called (`SO-AppToken`), by its name, never its token.
    var application: String? {
        get { app.withLock { $0 } }
        set { app.withLock { $0 = newValue } }
    }
}
