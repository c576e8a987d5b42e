import ArchiveAuth
import ArchiveCore
import ArchiveJSON
import ArchiveQueryLanguage
import ArchiveStore
import Foundation
import Hummingbird
import HTTPTypes

/// The ChatSession entity endpoints of the reference system:
///
/// | Request | Answer |
/// |---|---|
/// | `GET /api/v1/ChatSession/default` | a blank entity with the defaults |
/// | `POST /api/v1/ChatSession` | creates one; the saved entity (`Location` names it) |
/// | `GET /api/v1/ChatSession/{id}` | the entity (`Last-Modified`; `If-Modified-Since` → 304), 404 when absent |
/// | `PUT /api/v1/ChatSession/{id}` | replaces its fields (those not given take the defaults) |
/// | `PATCH /api/v1/ChatSession/{id}` | JSON Patch or JSON Merge Patch; a failed `test` is 409 |
/// | `DELETE /api/v1/ChatSession/{id}` | 204 |
///
/// Changes need the write role (403 otherwise) and go through the pool's single writer, so the
/// archive queries see them at once while readers go on. `If-Unmodified-Since` on a change is
/// 412 when the session changed after it. Entities have no entity tags, so an `If-Match` other
/// than `*` matches none: 412, rather than a change made as if the condition held.
enum ChatSessionEndpoint {
    enum Target {
        case collection
        case defaults
        case entity(Int64)
    }

    static let ifModifiedSince = HTTPField.Name("If-Modified-Since")!
    static let ifUnmodifiedSince = HTTPField.Name("If-Unmodified-Since")!
    static let lastModified = HTTPField.Name("Last-Modified")!

    static func respond(to request: Request, target: Target, caller: Caller, service: ArchiveService, now: Int64) async throws -> Response {
        let settings = try RequestSettings(headers: request.headers)
        guard ContentNegotiation.accepts(.json, accept: request.headers[.accept]) else {
            throw APIError(.notAcceptable, "NotAcceptable", "the entity endpoints answer application/json, and Accept does not allow it", source: "Accept")
        }
        if request.method != .get && request.method != .head {
            guard caller.role == .write else {
                throw APIError(.forbidden, "Forbidden", "\(caller.userName) may read the archive but not change it; an administrator can give the write role with 'archive user role \(caller.userName) write'", source: "Authorization")
            }
        }
        try EntityTags.refuseIfMatch(
            request, entity: "a chat session", condition: "make the change conditional with If-Unmodified-Since and its Last-Modified")
        let exchange = Exchange(request: request, settings: settings, now: now, caller: caller)

        do {
            switch (target, request.method) {
            case (.defaults, .get), (.defaults, .head): return try await defaults(service: service, exchange)
            case (.entity(let id), .get), (.entity(let id), .head): return try await read(id, request: request, service: service, exchange)
            case (.collection, .post): return try await create(request: request, service: service, exchange)
            case (.entity(let id), .put): return try await replace(id, request: request, service: service, exchange)
            case (.entity(let id), .patch): return try await patch(id, request: request, service: service, exchange)
            case (.entity(let id), .delete): return try await delete(id, service: service, exchange)
            default:
                throw APIError(.methodNotAllowed, "MethodNotAllowed", "\(request.method) is not allowed on \(request.uri.path)", source: "URL")
            }
        } catch let error as EntityError {
            throw Self.apiError(error)
        }
    }

    /// What the answer to one entity request depends on besides its target and body, read from
    /// its headers once.
    private struct Exchange: Sendable {
        let clock: ZonedClock
        let includeOffset: Bool
        /// The server's address as the client sees it, for `Location` and `_Links`.
        let base: String
        /// `If-Unmodified-Since`, which a change must not be older than.
        let unmodifiedSince: Int64?
        let now: Int64
        /// The caller, whom the change feed names as the changer (`ChangedByAssociateId`).
        let writer: WriteContext

        init(request: Request, settings: RequestSettings, now: Int64, caller: Caller) {
            clock = ZonedClock(zone: settings.timeZone)
            includeOffset = settings.includeTimeZoneOffset
            base = BaseURL(request: request).string
            unmodifiedSince = request.headers[ifUnmodifiedSince].flatMap { HTTPDate.parse($0) }
            self.now = now
            writer = WriteContext(changedBy: caller.associateID)
        }

        /// The entity as a 200 answer, with `_Links` when it is stored (`id`).
        func answer(_ entity: ChatSessionEntity, related: ChatSessionEntityJSON.Related, id: Int64?) -> Response {
            ChatSessionEndpoint.answer(
                entity, related: related, status: .ok, clock: clock, includeOffset: includeOffset, links: id.map { links(base, $0) })
        }
    }

    /// `GET /api/v1/ChatSession/default`.
    private static func defaults(service: ArchiveService, _ exchange: Exchange) async throws -> Response {
        let entity = try await service.archive.read { try ChatSessionStore(database: $0).defaultEntity(now: exchange.now) }
        return exchange.answer(entity, related: .init(), id: nil)
    }

    /// `GET /api/v1/ChatSession/{id}`: 304 when it has not changed since `If-Modified-Since`.
    private static func read(_ id: Int64, request: Request, service: ArchiveService, _ exchange: Exchange) async throws -> Response {
        let (entity, related) = try await service.archive.read { database in
            let store = ChatSessionStore(database: database)
            let entity = try store.load(id)
            return (entity, try store.related(entity))
        }
        if let since = request.headers[ifModifiedSince].flatMap({ HTTPDate.parse($0) }), let updated = entity.updated, updated <= since {
            return Response(status: .notModified, headers: [lastModified: HTTPDate.format(updated)])
        }
        return exchange.answer(entity, related: related, id: id)
    }

    /// `POST /api/v1/ChatSession`: the body's fields onto the defaults.
    private static func create(request: Request, service: ArchiveService, _ exchange: Exchange) async throws -> Response {
        let body = try await jsonBody(request)
        let saved = try await service.archive.write { database in
            let store = ChatSessionStore(database: database, writingFor: exchange.writer)
            let entity = try ChatSessionEntityJSON.read(body, onto: try store.defaultEntity(now: exchange.now), clock: exchange.clock)
            let saved = try store.create(entity, now: exchange.now)
            return (saved, try store.related(saved))
        }
        service.changed(rows: 1)
        var response = exchange.answer(saved.0, related: saved.1, id: saved.0.chatSessionId)
        response.headers[.location] = exchange.base + "/api/v1/ChatSession/\(saved.0.chatSessionId)"
        return response
    }

    /// `PUT /api/v1/ChatSession/{id}`: the body's fields onto the defaults, not onto the stored entity.
    private static func replace(_ id: Int64, request: Request, service: ArchiveService, _ exchange: Exchange) async throws -> Response {
        let body = try await jsonBody(request)
        let saved = try await service.archive.write { database in
            let store = ChatSessionStore(database: database, writingFor: exchange.writer)
            var blank = try store.defaultEntity(now: exchange.now)
            blank.chatSessionId = id
            let entity = try ChatSessionEntityJSON.read(body, onto: blank, clock: exchange.clock)
            let saved = try store.update(id, to: entity, unmodifiedSince: exchange.unmodifiedSince, now: exchange.now)
            return (saved, try store.related(saved))
        }
        service.changed(rows: 1)
        return exchange.answer(saved.0, related: saved.1, id: id)
    }

    /// `PATCH /api/v1/ChatSession/{id}`: a JSON Patch or a JSON Merge Patch, by `Content-Type`
    /// or else by the body's shape.
    private static func patch(_ id: Int64, request: Request, service: ArchiveService, _ exchange: Exchange) async throws -> Response {
        let kind = try patchKind(request)
        let body = try await jsonBody(request)
        let saved = try await service.archive.write { database in
            let store = ChatSessionStore(database: database, writingFor: exchange.writer)
            let saved = try store.modify(id, unmodifiedSince: exchange.unmodifiedSince, now: exchange.now) { stored in
                // `test` compares with the entity as this request would read it.
                var current = JSONText()
                ChatSessionEntityJSON.write(
                    stored, related: try store.related(stored), clock: exchange.clock, includeOffset: exchange.includeOffset, links: nil, into: &current)
                let shape: EntityPatch.Kind = if case .array = body { .jsonPatch } else { .mergePatch }
                let resolvedKind = kind ?? shape
                return try EntityPatch.apply(body, kind: resolvedKind, to: stored, current: JSONValue.parse(current.bytes) ?? .null, clock: exchange.clock)
            }
            return (saved, try store.related(saved))
        }
        service.changed(rows: 1)
        return exchange.answer(saved.0, related: saved.1, id: id)
    }

    /// `DELETE /api/v1/ChatSession/{id}`: 204.
    private static func delete(_ id: Int64, service: ArchiveService, _ exchange: Exchange) async throws -> Response {
        try await service.archive.write {
            try ChatSessionStore(database: $0, writingFor: exchange.writer).delete(id, unmodifiedSince: exchange.unmodifiedSince)
        }
        service.changed(rows: 1)
        return Response(status: .noContent)
    }

    /// The HTTP answer to an entity error.
    static func apiError(_ error: EntityError) -> APIError {
        switch error {
        case .invalid(let field, let message): APIError(.badRequest, "InvalidEntity", message, source: field)
        case .notFound(let id): APIError(.notFound, "SoNotFoundException", "ChatSession id \(id) not found", source: "URL")
        case .testFailed(let path, let message): APIError(.conflict, "TestFailed", "the patch's test failed: \(message)", source: path)
        case .modifiedSince(let updated):
            APIError(.preconditionFailed, "PreconditionFailed", "the chat session changed at \(HTTPDate.format(updated)), after If-Unmodified-Since", source: "If-Unmodified-Since")
        }
    }

    static func links(_ base: String, _ id: Int64) -> (this: String, archive: String) {
        (base + "/api/v1/ChatSession/\(id)", base + "/api/v1/ChatSession")
    }

    static func answer(
        _ entity: ChatSessionEntity, related: ChatSessionEntityJSON.Related, status: HTTPResponse.Status, clock: ZonedClock,
        includeOffset: Bool, links: (this: String, archive: String)?
    ) -> Response {
        var text = JSONText()
        ChatSessionEntityJSON.write(entity, related: related, clock: clock, includeOffset: includeOffset, links: links, into: &text)
        var headers: HTTPFields = [:]
        if let updated = entity.updated { headers[lastModified] = HTTPDate.format(updated) }
        return DocumentResponse.make(text.bytes, format: .json, status: status, headers: headers)
    }

    /// The body, which must be JSON (up to 1 MiB).
    static func jsonBody(_ request: Request) async throws -> JSONValue {
        let type = request.headers[.contentType]?.lowercased() ?? ""
        let allowed = ["application/json", "text/json", "application/json-patch+json", "application/merge-patch+json"]
        guard type.isEmpty || allowed.contains(where: { type.hasPrefix($0) }) else {
            throw APIError(.unsupportedMediaType, "UnsupportedMediaType", "the entity endpoints take a JSON body (application/json), not \(type)", source: "Content-Type")
        }
        var body = request
        let bytes = try await body.collectBody(atMost: 1 << 20)
        guard let value = JSONValue.parse(Array(bytes.readableBytesView)) else {
            throw APIError(.badRequest, "InvalidEntity", "the body is not JSON", source: "Body")
        }
        return value
    }

    /// What a PATCH's `Content-Type` says it is; nil for plain JSON (told by its shape).
    static func patchKind(_ request: Request) throws -> EntityPatch.Kind? {
        let type = request.headers[.contentType]?.lowercased() ?? ""
        if type.hasPrefix("application/json-patch+json") { return .jsonPatch }
        if type.hasPrefix("application/merge-patch+json") { return .mergePatch }
        return nil
    }
}
