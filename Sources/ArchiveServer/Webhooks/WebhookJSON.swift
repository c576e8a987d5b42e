import ArchiveCore
import ArchiveJSON
import ArchiveWebhooks
import Foundation
import HTTPTypes

/// Webhooks as the API reads and writes them, in the reference's `WebhookEntity` shape.
enum WebhookJSON {
    /// The fields a client sends; nil members were left out.
    struct Fields {
        var name: String?
        var events: [WebhookEvent]?
        var targetURL: String?
        /// `""` removes the secret.
        var secret: String?
        var state: Webhook.State?
    }

    static let fieldNames = ["Name", "Events", "TargetUrl", "Secret", "State", "Type"]
    /// Fields of an answer a client may send back; they are ignored.
    static let ignoredFields: Set<String> = ["webhookid", "registered", "registeredassociateid", "updated", "updatedassociateid", "delivery", "headers", "properties"]

    /// The fields a JSON object gives.
    ///
    /// - Throws: ``APIError`` 400 naming the field for an unknown field or a wrong value.
    static func fields(_ body: JSONValue) throws -> Fields {
        guard case .object(let members) = body else { throw invalid("Body", "the body must be a JSON object such as {\"Name\": \"sync\", \"Events\": [\"chatsession.created\"], \"TargetUrl\": \"https://…\"}") }
        var fields = Fields()
        for (key, value) in members.sorted(by: { $0.key < $1.key }) {
            if ignoredFields.contains(key.lowercased()) { continue }
            guard let name = fieldNames.first(where: { $0.lowercased() == key.lowercased() }) else {
                throw invalid(key, "'\(key)' is not a field of a webhook; the fields are \(fieldNames.joined(separator: ", "))")
            }
            try read(name, value, into: &fields)
        }
        return fields
    }

    private static func read(_ name: String, _ value: JSONValue, into fields: inout Fields) throws {
        switch name {
        case "Name":
            guard let text = value.string, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, text.count <= 200 else { throw invalid(name, "Name must be a text of 1 to 200 characters") }
            fields.name = text
        case "Events":
            guard case .array(let items) = value else { throw invalid(name, "Events must be a list of event names such as [\"chatsession.created\"]") }
            guard !items.isEmpty else {
                throw invalid(name, "Events must name at least one event: \(WebhookEvent.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            var events: [WebhookEvent] = []
            for item in items {
                guard let event = item.string.flatMap(WebhookEvent.init(name:)) else {
                    throw invalid(name, "\(item.string.map { "'\($0)'" } ?? "a value that is not text") is not an event; the events are \(WebhookEvent.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                // Named twice (in any case), kept once.
                if !events.contains(event) { events.append(event) }
            }
            fields.events = events
        case "TargetUrl":
            guard let text = value.string, !text.isEmpty else { throw invalid(name, "TargetUrl must be an https:// URL") }
            fields.targetURL = text
        case "Secret":
            if case .null = value { fields.secret = ""; return }
            guard let text = value.string else { throw invalid(name, "Secret must be a text (empty or null: none)") }
            fields.secret = text
        case "State":
            guard let state = value.string.flatMap(Webhook.State.init(name:)) else { throw invalid(name, "State must be Active, Stopped or TooManyErrors") }
            fields.state = state
        default:  // Type: only the webhook kind.
            guard value.string?.lowercased() == "webhook" else { throw invalid(name, "Type must be Webhook: this server sends HTTP webhooks only") }
        }
    }

    static func invalid(_ field: String, _ message: String) -> APIError {
        APIError(.badRequest, "InvalidWebhook", message, source: field)
    }

    /// A webhook as answered: never its secret (`Secret` is always empty), with its delivery.
    static func write(_ webhook: Webhook, queueLength: Int, into text: inout JSONText) {
        text.raw("{\"WebhookId\":"); text.integer(webhook.id)
        text.raw(",\"Name\":"); text.string(webhook.name)
        text.raw(",\"Events\":[")
        for (index, event) in webhook.events.enumerated() {
            if index > 0 { text.raw(",") }
            text.string(event.rawValue)
        }
        text.raw("],\"TargetUrl\":"); text.string(webhook.targetURL)
        text.raw(",\"Secret\":\"\",\"HasSecret\":"); text.bool(webhook.hasSecret)
        text.raw(",\"State\":"); text.string(webhook.state.rawValue)
        text.raw(",\"Type\":"); text.string(webhook.type)
        text.raw(",\"Registered\":"); moment(webhook.registered, into: &text)
        text.raw(",\"RegisteredAssociateId\":"); text.integer(webhook.registeredBy ?? 0)
        text.raw(",\"Updated\":"); moment(webhook.updated, into: &text)
        text.raw(",\"UpdatedAssociateId\":"); text.integer(webhook.updatedBy ?? 0)
        text.raw(",\"Delivery\":{\"Position\":"); text.integer(webhook.deliveredPosition)
        text.raw(",\"QueueLength\":"); text.integer(Int64(queueLength))
        text.raw(",\"ConsecutiveErrors\":"); text.integer(Int64(webhook.consecutiveErrors))
        text.raw(",\"LastSuccess\":"); moment(webhook.lastSuccess, into: &text)
        text.raw(",\"LastError\":"); moment(webhook.lastError, into: &text)
        text.raw(",\"LastErrorMessage\":"); text.string(webhook.lastErrorMessage ?? "")
        text.raw("}}")
    }

    /// A UTC datetime as `2026-11-20T13:05:09Z`, or null.
    private static func moment(_ seconds: Int64?, into text: inout JSONText) {
        guard let seconds else { return text.null() }
        text.string(StoredDateTime.format(seconds).replacingOccurrences(of: " ", with: "T") + "Z")
    }
}
