import Hummingbird

/// Names, in `Vary`, the request headers an API answer depends on besides its URL: `Accept`
/// (JSON or XML), the language of texts (`SO-Language`, `Accept-Language`), and the zone and
/// culture of dates and numbers (`SO-TimeZone`, `SO-Culture`). A cache, the browser's own
/// included, then never hands one client's answer to a request that would get another.
/// Errors too: their messages are translated.
struct NegotiationVaryMiddleware: RouterMiddleware {
    typealias Context = ArchiveRequestContext

    static let headers = ["Accept", "Accept-Language", "SO-Language", "SO-Culture", "SO-TimeZone"]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        // The page and its assets are the same whoever asks.
        if request.uri.path.contains("/api/") { response.headers[values: .vary].append(contentsOf: Self.headers) }
        return response
    }
}
