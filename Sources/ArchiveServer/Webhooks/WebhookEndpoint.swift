import ArchiveAuth
import ArchiveCore
import ArchiveJSON
import ArchiveWebhooks
import Dispatch
import Hummingbird

/// `/api/v1/Webhook` and `/api/v1/Webhook/{id}`: register, read, change and remove webhooks
/// (the write role only). Registering, or changing a target or secret, sends the target a `test`
/// event first and refuses it unless it answers 200; the target must be HTTPS and resolve to
/// public addresses (see ``WebhookTargetPolicy``).
enum WebhookEndpoint {
    static func list(service: ArchiveService) async throws -> Response {
        let entries = try await service.archive.read { database in
            let store = WebhookStore(database: database)
            return try store.all().map { ($0, try store.queueLength($0)) }
        }
        var text = JSONText()
        text.raw("[")
        for (index, entry) in entries.enumerated() {
            if index > 0 { text.raw(",") }
            WebhookJSON.write(entry.0, queueLength: entry.1, into: &text)
        }
        text.raw("]\n")
        return json(text)
    }

    static func read(_ id: Int64, service: ArchiveService) async throws -> Response {
        try await answer(id, service: service)
    }

    /// `POST`: a new webhook, after its target answered the test event.
    static func create(_ body: JSONValue, caller: Caller, service: ArchiveService, now: Int64) async throws -> Response {
        let fields = try WebhookJSON.fields(body)
        guard let name = fields.name, let events = fields.events, let target = fields.targetURL else {
            let missing = [("Name", fields.name == nil), ("Events", fields.events == nil), ("TargetUrl", fields.targetURL == nil)].first { $0.1 }?.0 ?? "Body"
            throw WebhookJSON.invalid(missing, "\(missing) is required: a webhook has a Name, Events and a TargetUrl")
        }
        let secret = fields.secret.flatMap { $0.isEmpty ? nil : $0 }
        // A secret this server cannot keep is refused before the target hears of it.
        let sealed = try seal(secret, service: service)
        try await checkTarget(target, name: name, secret: secret, service: service, now: now)
        let webhook = Webhook(
            name: name, events: events, targetURL: target, state: fields.state ?? .active, hasSecret: secret != nil, registered: now,
            registeredBy: caller.associateID)
        let id = try await service.archive.write { try WebhookStore(database: $0).create(webhook, sealedSecret: sealed) }
        var response = try await answer(id, service: service)
        response.headers[.location] = "/api/v1/Webhook/\(id)"
        return response
    }

    /// `PUT` (every field given) and `PATCH` (those given): a changed target or secret is tested
    /// again.
    static func change(_ id: Int64, _ body: JSONValue, replacing: Bool, caller: Caller, service: ArchiveService, now: Int64) async throws -> Response {
        let fields = try WebhookJSON.fields(body)
        guard var webhook = try await service.archive.read({ try WebhookStore(database: $0).load(id) }) else { throw notFound(id) }
        if replacing, fields.name == nil || fields.events == nil || fields.targetURL == nil {
            throw WebhookJSON.invalid("Body", "PUT replaces a webhook: give its Name, Events and TargetUrl (PATCH changes some)")
        }
        webhook.name = fields.name ?? webhook.name
        webhook.events = fields.events ?? webhook.events
        // PUT without a state sets the webhook active; PATCH leaves it as it is.
        let state = fields.state ?? (replacing ? .active : nil)
        let retarget = fields.targetURL.map { $0 != webhook.targetURL } ?? false
        webhook.targetURL = fields.targetURL ?? webhook.targetURL
        let secret = fields.secret.map { $0.isEmpty ? nil : $0 }
        if retarget || secret != nil {
            let testSecret = try await currentSecret(id, given: secret, service: service)
            try await checkTarget(webhook.targetURL, name: webhook.name, secret: testSecret, service: service, now: now)
        }
        let sealed: String?? = try secret.map { try seal($0, service: service) }
        let changed = webhook
        try await service.archive.write {
            try WebhookStore(database: $0).update(changed, state: state, sealedSecret: sealed, at: now, by: caller.associateID)
        }
        return try await answer(id, service: service)
    }

    static func delete(_ id: Int64, service: ArchiveService) async throws -> Response {
        guard try await service.archive.write({ try WebhookStore(database: $0).delete(id) }) else { throw notFound(id) }
        return Response(status: .noContent)
    }

    // MARK: - Steps

    /// Refuses a target the policy refuses, or one that does not answer the test event with 200.
    private static func checkTarget(_ url: String, name: String, secret: String?, service: ArchiveService, now: Int64) async throws {
        let policy = service.webhookPolicy
        // Resolving the host blocks: off the event loops.
        let refusal = await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: policy.refusal(of: url)) }
        }
        if let refusal { throw WebhookJSON.invalid("TargetUrl", refusal) }
        let test = WebhookDelivery(testOf: name, at: now, context: service.configuration.webhookContext)
        if let failure = await service.webhookSender.test(test, to: url, secret: secret) { throw WebhookJSON.invalid("TargetUrl", failure) }
    }

    /// The secret to sign a test with: the one given (`.some(nil)`: removed), else the stored one.
    private static func currentSecret(_ id: Int64, given: String??, service: ArchiveService) async throws -> String? {
        if let given { return given }
        guard let sealed = try await service.archive.read({ try WebhookStore(database: $0).sealedSecret(of: id) }) else { return nil }
        return try service.webhookSealer?.open(sealed)
    }

    private static func seal(_ secret: String?, service: ArchiveService) throws -> String? {
        guard let secret else { return nil }
        guard let sealer = service.webhookSealer else {
            throw WebhookJSON.invalid("Secret", "this server cannot keep secrets: start it with --webhook-key-file FILE (at least 32 bytes), or leave Secret out")
        }
        return try sealer.seal(secret)
    }

    private static func answer(_ id: Int64, service: ArchiveService) async throws -> Response {
        let entry = try await service.archive.read { database -> (Webhook, Int)? in
            let store = WebhookStore(database: database)
            return try store.load(id).map { ($0, try store.queueLength($0)) }
        }
        guard let (webhook, queue) = entry else { throw notFound(id) }
        var text = JSONText()
        WebhookJSON.write(webhook, queueLength: queue, into: &text)
        text.raw("\n")
        return json(text)
    }

    private static func notFound(_ id: Int64) -> APIError {
        APIError(.notFound, "NotFound", "there is no webhook \(id)", source: "URL")
    }

    private static func json(_ text: JSONText) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: ResponseBody(byteBuffer: ByteBuffer(bytes: text.bytes)))
    }
}
