import Foundation
import ArchiveAuth
import Hummingbird

/// `/api/v1/Webhook` and `/api/v1/Webhook/{id}` (``WebhookEndpoint``), for the write role only.
struct WebhookRoutes {
    let service: ArchiveService
    let now: @Sendable () -> Int64

    func add(to api: RouterGroup<ArchiveRequestContext>) {
        api.get("Webhook") { _, context in
            _ = try Self.writer(context)
            return try await WebhookEndpoint.list(service: service)
        }
        api.post("Webhook") { request, context in
            let caller = try Self.writer(context)
            try Self.refuseIfMatch(request)
            return try await WebhookEndpoint.create(try await ChatSessionEndpoint.jsonBody(request), caller: caller, service: service, now: now())
        }
        api.get("Webhook/{id}") { _, context in
            _ = try Self.writer(context)
            return try await WebhookEndpoint.read(try Self.id(context), service: service)
        }
        for (method, replacing) in [(HTTPRequest.Method.put, true), (.patch, false)] {
            api.on("Webhook/{id}", method: method) { request, context in
                let caller = try Self.writer(context)
                try Self.refuseIfMatch(request)
                return try await WebhookEndpoint.change(
                    try Self.id(context), try await ChatSessionEndpoint.jsonBody(request), replacing: replacing, caller: caller,
                    service: service, now: now())
            }
        }
        api.delete("Webhook/{id}") { request, context in
            _ = try Self.writer(context)
            try Self.refuseIfMatch(request)
            return try await WebhookEndpoint.delete(try Self.id(context), service: service)
        }
    }

    private static func refuseIfMatch(_ request: Request) throws {
        try EntityTags.refuseIfMatch(request, entity: "a webhook", condition: "read it, then change it")
    }

    /// The caller, who must have the write role: webhooks send the archive's changes out.
    private static func writer(_ context: ArchiveRequestContext) throws -> Caller {
        let caller = try context.authenticatedCaller()
        guard caller.role == .write else {
            throw APIError(.forbidden, "Forbidden", "webhooks are for users with the write role; an administrator can give it with 'archive user role \(caller.userName) write'", source: "Authorization")
        }
        return caller
    }

    private static func id(_ context: ArchiveRequestContext) throws -> Int64 {
        let segment = try context.parameters.require("id")
        // Digits may be percent-encoded, as in a chat's path.
        guard let id = Int64(segment.removingPercentEncoding ?? segment), id > 0 else {
            throw APIError(.notFound, "NotFound", "'\(segment)' is not a webhook id (a whole number above 0)", source: "URL")
        }
        return id
    }
}
