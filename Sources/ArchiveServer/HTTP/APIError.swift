import ArchiveJSON
import ArchiveCore
import ArchiveQueryLanguage
import Hummingbird
import HTTPTypes

/// An error answer: a status and the body `{"Error": true, "ErrorType", "ErrorMessage", "ErrorSource"}`
/// (or the same as XML when XML was asked for).
struct APIError: Error, Sendable {
    let status: HTTPResponse.Status
    let type: String
    let message: String
    /// The query option or header the problem is in, or the part of the server that failed.
    let source: String
    var headers: HTTPFields = [:]

    init(_ status: HTTPResponse.Status, _ type: String, _ message: String, source: String = "Archive", headers: HTTPFields = [:]) {
        self.status = status
        self.type = type
        self.message = message
        self.source = source
        self.headers = headers
    }

    /// The answer to anything that went wrong: the provider's and the parser's errors are 400s
    /// naming the option, an interrupted query a 503, a busy database a 503.
    static func from(_ error: any Error) -> APIError {
        switch error {
        case let error as APIError: return error
        case let error as ArchiveError:
            let status: HTTPResponse.Status = error.kind == .expiredDelta ? .gone : .badRequest
            return APIError(status, error.kind.rawValue, error.description, source: error.option ?? "Archive")
        case let error as any DatabaseFailure:
            return from(error)
        case let error as any HTTPResponseError:
            // Hummingbird's own refusals, such as a body over the limit (413).
            return APIError(error.status, "InvalidRequest", "the request was refused: \(error.status.reasonPhrase)", source: "HTTP")
        default:
            return APIError(.internalServerError, "InternalError", "the server failed; its log has the details")
        }
    }

    /// A database's failure, whichever engine: the same answer for the same kind. The detail
    /// (paths, SQL) goes to the server's log, not to the client.
    static func from(_ error: any DatabaseFailure) -> APIError {
        switch error.failureKind {
        case .timeout:
            APIError(.serviceUnavailable, "QueryTimeout", "the query ran past the server's time limit and was stopped; narrow it with $filter or ask for fewer rows")
        case .tooLarge:
            APIError(.badRequest, "QueryTooLarge", "the query is larger than the database takes; use fewer conditions or values")
        case .busy:
            APIError(.serviceUnavailable, "DatabaseBusy", "the database is busy; try again")
        case .unavailable:
            APIError(.serviceUnavailable, "DatabaseUnavailable", "the database cannot be reached; try again")
        case .readOnly:
            APIError(
                .serviceUnavailable, "DatabaseReadOnly",
                "the archive this server serves takes no writes (a read-only file or a read replica); send changes to a server of the primary")
        case .constraint, .other:
            APIError(.internalServerError, "DatabaseError", "the database failed; the server's log has the details")
        }
    }

    /// 405 for a method the path does not take, naming the ones it does in `Allow`.
    static func methodNotAllowed(_ request: Request, allowed: [HTTPRequest.Method]) -> APIError {
        let names = allowed.map(\.rawValue)
        return APIError(
            .methodNotAllowed, "MethodNotAllowed", "\(request.method) is not allowed on \(request.uri.path); use \(names.joined(separator: " or "))",
            source: "URL", headers: [.allow: names.joined(separator: ", ")])
    }

    /// 406 for a document when `Accept` allows neither format the server writes.
    static func notAcceptable(_ request: Request) -> APIError {
        APIError(
            .notAcceptable, "NotAcceptable",
            "the server writes application/json or application/xml, and Accept allows neither: \(request.headers[.accept] ?? "")", source: "Accept")
    }

    /// 429 for a sign-in tried too often after failures; it says nothing of whether the account exists.
    static func tooManyFailures(retryAfter wait: Duration) -> APIError {
        let seconds = max(1, Int(wait.components.seconds) + (wait.components.attoseconds > 0 ? 1 : 0))
        return APIError(
            .tooManyRequests, "TooManyRequests",
            "too many failed sign-ins from this address or for this user name; try again in \(seconds) s", source: "Authorization",
            headers: [.retryAfter: String(seconds)])
    }

    static func unauthorized(_ message: String) -> APIError {
        APIError(.unauthorized, "Unauthorized", message, source: "Authorization", headers: [.wwwAuthenticate: "Basic realm=\"Archive\""])
    }

    /// The same 401 challenging to sign in through the page (`Session`), not with Basic: a
    /// browser answers a Basic challenge to a script's request with its own password prompt
    /// (and a headless one leaves the request waiting), where the page shows its sign-in form.
    var challengingSession: APIError {
        guard status == .unauthorized else { return self }
        var error = self
        error.headers[.wwwAuthenticate] = "Session realm=\"Archive\""
        return error
    }

    /// Whether a request comes from the page, or a script that signs in as it does: it carries
    /// the session cookie or an XSRF token, or says `X-Requested-With: XMLHttpRequest`.
    static func comesFromAPage(_ request: Request) -> Bool {
        request.headers[HTTPField.Name("X-Requested-With")!]?.lowercased() == "xmlhttprequest"
            || request.headers[SessionRoutes.xsrfHeader] != nil
            || SessionRoutes.cookie(SessionRoutes.sessionCookie, in: request) != nil
    }

    /// The error as a response in `format`.
    func response(format: ResponseFormat) -> Response {
        DocumentResponse.make(body(format), format: format, status: status, headers: headers)
    }

    /// The error's body: `{"Error": true, …}` or its XML.
    func body(_ format: ResponseFormat) -> [UInt8] {
        switch format {
        case .json:
            var text = JSONText()
            text.raw("{")
            text.key("Error"); text.bool(true); text.raw(",")
            text.key("ErrorType"); text.string(type); text.raw(",")
            text.key("ErrorMessage"); text.string(message); text.raw(",")
            text.key("ErrorSource"); text.string(source)
            text.raw("}")
            return text.bytes
        case .xml:
            var text = XMLText()
            text.raw("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Error>")
            text.element("Error", "true")
            text.element("ErrorType", type)
            text.element("ErrorMessage", message)
            text.element("ErrorSource", source)
            text.raw("</Error>\n")
            return text.bytes
        }
    }
}

/// At the edge (``ErrorBodyMiddleware``), an error is written in the format the request asked
/// for with `$format`, else the one `Accept` chose, else JSON.
extension APIError: HTTPResponseError {
    func response(from request: Request, context: some RequestContext) throws -> Response {
        response(format: Self.format(of: request))
    }

    /// The format of an error answer to `request`, read from it leniently: an error can come
    /// before (or from) the middleware that reads the options for the routes.
    static func format(of request: Request) -> ResponseFormat {
        let requested = RequestOptionsMiddleware.requestedFormat((try? FormDecoding.pairs(request.uri.query ?? "")) ?? [])
        return requested ?? ContentNegotiation.format(requested: nil, accept: request.headers[.accept]) ?? .json
    }
}
