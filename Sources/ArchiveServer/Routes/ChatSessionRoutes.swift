import Foundation
import Hummingbird

/// `/api/v1/ChatSession`: the ChatSession provider with `$entities` defaulting to `chat` (GET),
/// and the entity endpoints (``ChatSessionEndpoint``).
struct ChatSessionRoutes {
    let service: ArchiveService
    let now: @Sendable () -> Int64

    func add(to api: RouterGroup<ArchiveRequestContext>) {
        for method in [HTTPRequest.Method.get, .head] {
            api.on("ChatSession", method: method) { request, context in
                try await run(request, provider: service.provider, entityEndpoint: true, context: context, service: service, now: now())
            }
        }
        api.post("ChatSession") { request, context in try await entity(.collection, request, context: context) }
        // `default` has a route of its own (GET and HEAD; the other methods are 405s), beside
        // the ids.
        for method in [HTTPRequest.Method.get, .head] {
            api.on("ChatSession/default", method: method) { request, context in try await entity(.defaults, request, context: context) }
        }
        for method in [HTTPRequest.Method.get, .head, .put, .patch, .delete] {
            api.on("ChatSession/{id}", method: method) { request, context in
                try await entity(try target(context.parameters.require("id"), request), request, context: context)
            }
        }
    }

    private func entity(_ target: ChatSessionEndpoint.Target, _ request: Request, context: ArchiveRequestContext) async throws -> Response {
        try await ChatSessionEndpoint.respond(to: request, target: target, caller: try context.authenticatedCaller(), service: service, now: now())
    }

    /// A chat's id (a whole number above 0); its digits may be percent-encoded (`%35` is `5`,
    /// RFC 3986, 6.2.2.2).
    private func target(_ segment: String, _ request: Request) throws -> ChatSessionEndpoint.Target {
        guard let id = Int64(segment.removingPercentEncoding ?? segment), id > 0 else {
            throw APIError(
                .notFound, "NotFound", "there is nothing at \(request.uri.path): '\(segment)' is not a chat session id (a whole number above 0) or 'default'",
                source: "URL")
        }
        return .entity(id)
    }
}
