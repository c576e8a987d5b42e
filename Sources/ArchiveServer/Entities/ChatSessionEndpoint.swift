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
/// 412 when the session changed after it.
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
        let clock = ZonedClock(zone: settings.timeZone)
        let base = BaseURL(request: request).string
        let includeOffset = settings.includeTimeZoneOffset
        if request.method != .get && request.method != .head {
            guard caller.role == .write else {
                throw APIError(.forbidden, "Forbidden", "\(caller.userName) may read the archive but not change it; an administrator can give the write role with 'archive user role \(caller.userName) write'", source: "Authorization")
            }
        }
        let unmodifiedSince = request.headers[ifUnmodifiedSince].flatMap(HTTPDate.parse)

        do {
            switch (target, request.method) {
            case (.defaults, .get), (.defaults, .head):
                let entity = try await service.archive.read { try ChatSessionStore(database: $0).defaultEntity(now: now) }
                return answer(entity, related: .init(), status: .ok, clock: clock, includeOffset: includeOffset, links: nil)
            case (.entity(let id), .get), (.entity(let id), .head):
                let (entity, related) = try await service.archive.read { database in
                    let store = ChatSessionStore(database: database)
                    let entity = try store.load(id)
                    return (entity, try store.related(entity))
                }
                if let since = request.headers[ifModifiedSince].flatMap(HTTPDate.parse), let updated = entity.updated, updated <= since {
                    return Response(status: .notModified, headers: [lastModified: HTTPDate.format(updated)])
                }
                return answer(entity, related: related, status: .ok, clock: clock, includeOffset: includeOffset, links: links(base, id))
            case (.collection, .post):
                let body = try await jsonBody(request)
                let saved = try await service.archive.write { database in
                    let store = ChatSessionStore(database: database)
                    let entity = try ChatSessionEntityJSON.read(body, onto: try store.defaultEntity(now: now), clock: clock)
                    let saved = try store.create(entity, now: now)
                    return (saved, try store.related(saved))
                }
                service.changed(rows: 1)
                var response = answer(saved.0, related: saved.1, status: .ok, clock: clock, includeOffset: includeOffset, links: links(base, saved.0.chatSessionId))
                response.headers[.location] = base + "/api/v1/ChatSession/\(saved.0.chatSessionId)"
                return response
            case (.entity(let id), .put):
                let body = try await jsonBody(request)
                let saved = try await service.archive.write { database in
                    let store = ChatSessionStore(database: database)
                    var blank = try store.defaultEntity(now: now)
                    blank.chatSessionId = id
                    let entity = try ChatSessionEntityJSON.read(body, onto: blank, clock: clock)
                    let saved = try store.update(id, to: entity, unmodifiedSince: unmodifiedSince, now: now)
                    return (saved, try store.related(saved))
                }
                service.changed(rows: 1)
                return answer(saved.0, related: saved.1, status: .ok, clock: clock, includeOffset: includeOffset, links: links(base, id))
            case (.entity(let id), .patch):
                let kind = try patchKind(request)
                let body = try await jsonBody(request)
                let saved = try await service.archive.write { database in
                    let store = ChatSessionStore(database: database)
                    let saved = try store.modify(id, unmodifiedSince: unmodifiedSince, now: now) { stored in
                        // `test` compares with the entity as this request would read it.
                        var current = JSONText()
                        ChatSessionEntityJSON.write(stored, related: try store.related(stored), clock: clock, includeOffset: includeOffset, links: nil, into: &current)
                        let shape: EntityPatch.Kind = if case .array = body { .jsonPatch } else { .mergePatch }
                        let resolvedKind = kind ?? shape
                        return try EntityPatch.apply(body, kind: resolvedKind, to: stored, current: JSONValue.parse(current.bytes) ?? .null, clock: clock)
                    }
                    return (saved, try store.related(saved))
                }
                service.changed(rows: 1)
                return answer(saved.0, related: saved.1, status: .ok, clock: clock, includeOffset: includeOffset, links: links(base, id))
            case (.entity(let id), .delete):
                try await service.archive.write { try ChatSessionStore(database: $0).delete(id, unmodifiedSince: unmodifiedSince) }
                service.changed(rows: 1)
                return Response(status: .noContent)
            default:
                throw APIError(.methodNotAllowed, "MethodNotAllowed", "\(request.method) is not allowed on \(request.uri.path)", source: "URL")
            }
        } catch let error as EntityError {
            throw Self.apiError(error)
        }
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
        return DocumentResponse.make(text, format: .json, status: status, headers: headers)
    }

    /// The body, which must be JSON (up to 1 MiB).
    static func jsonBody(_ request: Request) async throws -> JSONValue {
        let type = request.headers[.contentType]?.lowercased() ?? ""
        let allowed = ["application/json", "text/json", "application/json-patch+json", "application/merge-patch+json"]
        guard type.isEmpty || allowed.contains(where: { type.hasPrefix($0) }) else {
            throw APIError(.unsupportedMediaType, "UnsupportedMediaType", "the entity endpoints take a JSON body (application/json), not \(type)", source: "Content-Type")
        }
        var body = request
        let bytes = try await body.collectBody(upTo: 1 << 20)
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

/// HTTP dates (RFC 9110 §5.6.7): `Wed, 21 Oct 2015 07:28:00 GMT`.
enum HTTPDate {
    private static let names = (
        days: ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"],
        months: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    )

    static func format(_ seconds: Int64) -> String {
        let (day, second) = StoredDateTime.floorDivide(seconds, 86_400)
        let (year, month, dayOfMonth) = StoredDateTime.civil(fromDays: day)
        func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : String(value) }
        let weekday = names.days[Int(((day % 7) + 7) % 7)]
        return "\(weekday), \(two(Int64(dayOfMonth))) \(names.months[month - 1]) \(year) \(two(second / 3600)):\(two(second / 60 % 60)):\(two(second % 60)) GMT"
    }

    /// An HTTP date (or an ISO datetime, for convenience); nil for anything else, which a
    /// server ignores.
    static func parse(_ text: String) -> Int64? {
        let parts = text.split(separator: " ")
        if parts.count == 6, parts[5] == "GMT", let day = Int(parts[1]), let month = names.months.firstIndex(of: String(parts[2])), let year = Int(parts[3]) {
            let time = parts[4].split(separator: ":").compactMap { Int64($0) }
            guard time.count == 3, let literal = DateLiteral(parsing: String(format: "%04d-%02d-%02d", year, month + 1, day)) else { return nil }
            return literal.day * 86_400 + time[0] * 3600 + time[1] * 60 + time[2]
        }
        return DateLiteral(parsing: text).map { $0.instant(in: .utc) }
    }
}
