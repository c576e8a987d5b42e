import Hummingbird

/// gzip for the clients that ask for it, as ``ResponseCompression`` decides, errors included.
struct CompressionMiddleware: RouterMiddleware {
    typealias Context = ArchiveRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        ResponseCompression.apply(to: &response, acceptEncoding: request.headers[.acceptEncoding])
        return response
    }
}
