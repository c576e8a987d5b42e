import Hummingbird
import Logging

/// The edge where every failure below becomes an answer: ``APIError/from(_:)`` classifies it and
/// the error body is written in the format the request asked for. A 500 is logged with its cause
/// (which the client is not shown).
struct ErrorBodyMiddleware: RouterMiddleware {
    typealias Context = ArchiveRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let apiError = Self.classify(error, request: request)
            if apiError.status == .internalServerError {
                context.logger.error("\(request.method) \(request.uri.path) failed: \(String(describing: error))")
            }
            return try apiError.response(from: request, context: context)
        }
    }

    /// The answer to `error`; the router's own "no route" is the API's 404.
    static func classify(_ error: any Error, request: Request) -> APIError {
        if let error = error as? HTTPError, error.status == .notFound {
            return APIError(.notFound, "NotFound", "there is nothing at \(request.uri.path); the archive is at /api/v1/archive/{provider}", source: "URL")
        }
        return APIError.from(error)
    }
}
