import ArchiveQueryLanguage
import Hummingbird

/// Reads what every route needs from the request line once: refuses a URL or headers over the
/// limits (414, 431), decodes the query string, and negotiates the response format from
/// `$format` and `Accept`.
struct RequestOptionsMiddleware: RouterMiddleware {
    typealias Context = ArchiveRequestContext
    let limits: RequestLimits

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let tooLarge = limits.check(request) { throw tooLarge }
        var context = context
        context.queryOptions = try? FormDecoding.pairs(request.uri.query ?? "")
        context.negotiatedFormat = ContentNegotiation.format(requested: Self.requestedFormat(context.queryOptions ?? []), accept: request.headers[.accept])
        return try await next(request, context)
    }

    /// The `$format` of the URL, read leniently (an unknown one is left to the option parser).
    static func requestedFormat(_ options: [(name: String, value: String)]) -> ResponseFormat? {
        for (name, value) in options where name.lowercased() == "$format" {
            switch value.lowercased() {
            case "xml", "application/xml", "text/xml": return .xml
            case "json", "application/json", "text/json": return .json
            default: return nil
            }
        }
        return nil
    }
}
