public import ArchiveCore
import ArchiveJSON
import Crypto
import Foundation

/// One event as a webhook receives it: the reference's `WebhookPayload` body, its headers, and
/// its signature.
public struct WebhookDelivery: Sendable {
    /// The event's name (`chatsession.changed`, or `test` at registration).
    public let event: String
    /// The same on every try of this event to this webhook, and after a restart of the server.
    public let eventID: String
    /// The exact bytes sent, which the signature covers.
    public let body: [UInt8]

    /// The delivery of a change of the feed to `webhook`.
    public init(change: ChatChange, to webhook: Webhook, context: String) {
        event = WebhookEvent(change.kind).rawValue
        eventID = Self.eventID(webhook: webhook.id, position: change.position)
        var text = JSONText()
        text.raw("{\"EventId\":"); text.string(eventID)
        text.raw(",\"Timestamp\":"); text.string(change.at.replacingOccurrences(of: " ", with: "T") + "Z")
        text.raw(",\"Changes\":[")
        for (index, column) in change.changedColumns.enumerated() {
            if index > 0 { text.raw(",") }
            text.string(column)
        }
        text.raw("],\"Event\":"); text.string(event)
        text.raw(",\"PrimaryKey\":"); text.integer(change.chatID)
        text.raw(",\"Entity\":\"chatsession\",\"ContextIdentifier\":"); text.string(context)
        text.raw(",\"ChangedByAssociateId\":"); text.integer(change.changedBy ?? 0)
        text.raw(",\"WebhookName\":"); text.string(webhook.name)
        // The feed's values are a JSON object the database wrote.
        text.raw(",\"FieldValues\":"); text.raw(change.fieldValues.isEmpty ? "{}" : change.fieldValues)
        text.raw("}")
        body = text.bytes
    }

    /// The `test` event a webhook is sent when it is registered.
    public init(testOf name: String, at now: Int64, context: String) {
        event = "test"
        eventID = UUID().uuidString.lowercased()
        var text = JSONText()
        text.raw("{\"EventId\":"); text.string(eventID)
        text.raw(",\"Timestamp\":"); text.string(StoredDateTime.format(now).replacingOccurrences(of: " ", with: "T") + ".000Z")
        text.raw(",\"Changes\":[],\"Event\":\"test\",\"PrimaryKey\":0,\"Entity\":\"\",\"ContextIdentifier\":"); text.string(context)
        text.raw(",\"ChangedByAssociateId\":0,\"WebhookName\":"); text.string(name)
        text.raw("}")
        body = text.bytes
    }

    /// `X-SuperOffice-Signature`: base64 of HMAC-SHA256 of the body, keyed by the secret's UTF-8.
    public func signature(secret: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Array(secret.utf8)))
        return Data(code).base64EncodedString()
    }

    /// A GUID derived from the webhook and the change, so that every retry carries the same.
    static func eventID(webhook: Int64, position: Int64) -> String {
        var bytes = Array(SHA256.hash(data: Array("archive webhook event \(webhook) \(position)".utf8)).prefix(16))
        bytes[6] = bytes[6] & 0x0F | 0x50  // version 5 (name-based)
        bytes[8] = bytes[8] & 0x3F | 0x80  // RFC 4122 variant
        let hex = bytes.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
        let parts = [hex.prefix(8), hex.dropFirst(8).prefix(4), hex.dropFirst(12).prefix(4), hex.dropFirst(16).prefix(4), hex.dropFirst(20)]
        return parts.joined(separator: "-")
    }
}
