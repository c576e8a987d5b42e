import Hummingbird

/// Answers preflights from allowed origins and adds the CORS headers to every answer to them
/// (errors included), as ``CORSPolicy`` says.
struct CORSMiddleware: RouterMiddleware {
    typealias Context = ArchiveRequestContext
    let policy: CORSPolicy

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let preflight = policy.preflight(request) { return preflight }
        var response = try await next(request, context)
        policy.decorate(&response, for: request)
        return response
    }
}
