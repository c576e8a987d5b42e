import Hummingbird
import HTTPTypes

/// Answers a method the router has no route for at all (`QUERY`, `PROPFIND`, …) on a known path
/// with 405 and `Allow`, as the router's own 405s do for the common methods; on an unknown path
/// the router's 404 stands.
struct UnlistedMethodMiddleware: RouterMiddleware {
    typealias Context = ArchiveRequestContext
    /// The methods the router has a route or a 405 for on every known path.
    static let routedMethods: Set<HTTPRequest.Method> = [.get, .head, .post, .put, .patch, .delete, .options, .trace]
    /// Every path pattern (`{name}` matches one segment) and the methods it takes.
    let paths: [(path: String, allowed: [HTTPRequest.Method])]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard !Self.routedMethods.contains(request.method), let allowed = allowedMethods(at: request.uri.path) else {
            return try await next(request, context)
        }
        throw APIError.methodNotAllowed(request, allowed: allowed)
    }

    /// The methods of the pattern `path` matches, with or without a leading customer segment.
    private func allowedMethods(at path: String) -> [HTTPRequest.Method]? {
        let segments = path.split(separator: "/")
        for (pattern, allowed) in paths {
            let parts = pattern.split(separator: "/")
            if Self.matches(segments, parts) || (segments.count == parts.count + 1 && Self.matches(segments.dropFirst(), parts)) {
                return allowed
            }
        }
        return nil
    }

    private static func matches(_ segments: some Collection<Substring>, _ pattern: [Substring]) -> Bool {
        segments.count == pattern.count && zip(segments, pattern).allSatisfy { segment, part in
            part.hasPrefix("{") || segment.lowercased() == part.lowercased()
        }
    }
}
