import ArchiveCore
import HTTPTypes
import Hummingbird

/// The API's entities (chats, webhooks) have no entity tags: a change made conditional on one
/// (`If-Match` with a tag) matches none, and is refused rather than made as if it held
/// (RFC 9110, 13.1.1). `If-Match: *` (the entity exists) holds.
enum EntityTags {
    static let ifMatch = HTTPField.Name("If-Match")!

    /// Throws 412 for a change (any method but GET and HEAD) with `If-Match` naming a tag;
    /// `condition` says what to use instead.
    static func refuseIfMatch(_ request: Request, entity: String, condition: String) throws {
        guard request.method != .get, request.method != .head, let tags = request.headers[ifMatch], tags.trimmingBlanks() != "*" else { return }
        throw APIError(.preconditionFailed, "PreconditionFailed", "\(entity) has no entity tag for If-Match to match; \(condition)", source: "If-Match")
    }
}
