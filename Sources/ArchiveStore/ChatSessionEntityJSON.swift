public import ArchiveJSON
public import ArchiveCore
import Foundation

/// Reads and writes ``ChatSessionEntity`` as the reference's JSON (`ChatSessionEntity`).
///
/// Writing follows the reference's shape, for its clients: every field present, an empty text
/// `""`, an empty number `0`, an empty datetime `1753-01-01T00:00:00`, related rows as small
/// objects (`"User": {"AssociateId": 5, "Name": "TJE", …}`) or `null`. Reading is strict:
/// an unknown field, or a value of the wrong type, is an ``EntityError`` naming the field; the
/// stand-ins for empty (`""`, `0` for `Rating`, `1753-01-01…` or `0001-01-01…` for datetimes)
/// read as empty. Field names are matched without regard to case.
public enum ChatSessionEntityJSON {
    /// The datetime the reference writes for "no date".
    public static let noDate = "1753-01-01T00:00:00"

    /// The names of related rows, for the small objects written for them.
    public struct Related: Sendable, Equatable {
        public var user: Associate?
        public var transferTo: Associate?
        public var person: Person?
        public var contact: Contact?

        public init(user: Associate? = nil, transferTo: Associate? = nil, person: Person? = nil, contact: Contact? = nil) {
            self.user = user
            self.transferTo = transferTo
            self.person = person
            self.contact = contact
        }

        public struct Associate: Sendable, Equatable {
            public var id: Int64, name: String, fullName: String, userName: String
        }
        public struct Person: Sendable, Equatable {
            public var id: Int64, firstName: String, lastName: String, fullName: String, email: String, contactId: Int64, contactName: String
        }
        public struct Contact: Sendable, Equatable {
            public var id: Int64, name: String, department: String, fullName: String
        }
    }

    /// The fields, in the reference's order, and what each holds.
    static let fields: [String] = [
        "ChatSessionId", "TopicId", "User", "Person", "CustomerAlias", "CustomerHost", "CustomerName", "CustomerEmail", "CustomerPhone",
        "CustomerConsented", "CustomerCompanyName", "Status", "FirstMessage", "LastMessage", "WhenRequested", "WhenStarted", "WhenEnded",
        "WhenIdle", "WhenFetched", "SessionKey", "InitialQueuePos", "AlertLevel", "Rank", "Flags", "Contact", "Project", "Sale", "Ticket",
        "TransferTo", "ChatbotIsActive", "Rating",
    ]
    /// Members of the answer that a client may send back, which carry nothing to write.
    static let ignoredFields: Set<String> = ["tableright", "fieldproperties", "_links"]

    /// The canonical spelling of a field name, whatever its case; nil for a name that is not one.
    public static func canonicalName(_ name: String) -> String? {
        let wanted = name.lowercased()
        return fields.first { $0.lowercased() == wanted }
    }

    // MARK: - Writing

    /// The entity as the reference writes it. Datetimes are shown in `clock`'s zone, with their
    /// offset when `includeOffset`; `links` gives `_Links` (`Self`, `Archive`) when set.
    public static func write(
        _ entity: ChatSessionEntity, related: Related, clock: ZonedClock, includeOffset: Bool, links: (this: String, archive: String)?,
        into text: inout JSONText
    ) {
        text.raw("{")
        writeFields(entity, related: related, clock: clock, includeOffset: includeOffset, into: &text)
        writeTrailer(links: links, into: &text)
        text.raw("}")
    }

    /// Every field, in the reference's order, each followed by a comma; empty values as the
    /// reference's stand-ins (`""`, `0`, ``noDate``, `null`).
    private static func writeFields(
        _ entity: ChatSessionEntity, related: Related, clock: ZonedClock, includeOffset: Bool, into text: inout JSONText
    ) {
        func string(_ name: String, _ value: String?) { text.key(name); text.string(value ?? ""); text.raw(",") }
        func integer(_ name: String, _ value: Int64?) { text.key(name); text.integer(value ?? 0); text.raw(",") }
        func bool(_ name: String, _ value: Bool) { text.key(name); text.bool(value); text.raw(",") }
        func date(_ name: String, _ value: Int64?) {
            text.key(name)
            if let value { text.string(datetime(value, clock: clock, includeOffset: includeOffset)) } else { text.string(noDate) }
            text.raw(",")
        }
        integer("ChatSessionId", entity.chatSessionId)
        integer("TopicId", entity.topicId)
        relatedRow("User", related.user, into: &text, members: writeAssociate)
        relatedRow("Person", related.person, into: &text, members: writePerson)
        string("CustomerAlias", entity.customerAlias)
        string("CustomerHost", entity.customerHost)
        string("CustomerName", entity.customerName)
        string("CustomerEmail", entity.customerEmail)
        string("CustomerPhone", entity.customerPhone)
        bool("CustomerConsented", entity.customerConsented)
        string("CustomerCompanyName", entity.customerCompanyName)
        string("Status", entity.status.name)
        string("FirstMessage", entity.firstMessage)
        string("LastMessage", entity.lastMessage)
        date("WhenRequested", entity.whenRequested)
        date("WhenStarted", entity.whenStarted)
        date("WhenEnded", entity.whenEnded)
        date("WhenIdle", entity.whenIdle)
        date("WhenFetched", entity.whenFetched)
        string("SessionKey", entity.sessionKey)
        integer("InitialQueuePos", entity.initialQueuePos)
        integer("AlertLevel", entity.alertLevel)
        integer("Rank", entity.rank)
        string("Flags", entity.flags.name)
        relatedRow("Contact", related.contact, into: &text, members: writeContact)
        for name in ["Project", "Sale", "Ticket"] { text.key(name); text.null(); text.raw(",") }
        relatedRow("TransferTo", related.transferTo, into: &text, members: writeAssociate)
        bool("ChatbotIsActive", entity.chatbotIsActive)
        integer("Rating", entity.rating)
    }

    /// What the reference writes after the fields: `TableRight` (always null here),
    /// `FieldProperties` (always empty) and, when set, `_Links`.
    private static func writeTrailer(links: (this: String, archive: String)?, into text: inout JSONText) {
        text.key("TableRight"); text.null(); text.raw(",")
        text.key("FieldProperties"); text.raw("{}")
        if let links {
            text.raw(",")
            text.key("_Links"); text.raw("{")
            text.key("Self"); text.string(links.this); text.raw(",")
            text.key("Archive"); text.string(links.archive)
            text.raw("}")
        }
    }

    /// `"User": {…},` with the members `members` writes, or `"User": null,` when there is no row.
    private static func relatedRow<Row>(_ name: String, _ row: Row?, into text: inout JSONText, members: (Row, inout JSONText) -> Void) {
        text.key(name)
        if let row {
            text.raw("{")
            members(row, &text)
            text.raw("}")
        } else {
            text.null()
        }
        text.raw(",")
    }

    private static func writeAssociate(_ associate: Related.Associate, into text: inout JSONText) {
        text.key("AssociateId"); text.integer(associate.id); text.raw(",")
        text.key("Name"); text.string(associate.name); text.raw(",")
        text.key("FullName"); text.string(associate.fullName); text.raw(",")
        text.key("UserName"); text.string(associate.userName)
    }

    private static func writePerson(_ person: Related.Person, into text: inout JSONText) {
        text.key("PersonId"); text.integer(person.id); text.raw(",")
        text.key("Firstname"); text.string(person.firstName); text.raw(",")
        text.key("Lastname"); text.string(person.lastName); text.raw(",")
        text.key("FullName"); text.string(person.fullName); text.raw(",")
        text.key("Email"); text.string(person.email); text.raw(",")
        text.key("ContactId"); text.integer(person.contactId); text.raw(",")
        text.key("ContactName"); text.string(person.contactName)
    }

    private static func writeContact(_ contact: Related.Contact, into text: inout JSONText) {
        text.key("ContactId"); text.integer(contact.id); text.raw(",")
        text.key("Name"); text.string(contact.name); text.raw(",")
        text.key("Department"); text.string(contact.department); text.raw(",")
        text.key("FullName"); text.string(contact.fullName)
    }

    /// `2026-11-20T13:05:09`, in the clock's zone (with `+01:00` when `includeOffset`).
    static func datetime(_ instant: Int64, clock: ZonedClock, includeOffset: Bool) -> String {
        let offset = clock.offset(atUTC: instant)
        return ArchiveValue.dateTime(local: instant + offset, offset: offset).isoText(offset: includeOffset ? .zone : .none) ?? noDate
    }

    // MARK: - Reading

    /// The entity `base` with the fields `object` gives set; the fields it leaves out keep
    /// `base`'s values (PUT replaces from the default entity, PATCH from the stored one).
    ///
    /// - Parameter clock: the zone datetimes without an offset are read in.
    /// - Throws: ``EntityError/invalid(field:_:)`` for anything that is not a valid field.
    public static func read(_ object: JSONValue, onto base: ChatSessionEntity, clock: ZonedClock) throws -> ChatSessionEntity {
        guard case .object(let members) = object else {
            throw EntityError.invalid(field: "Body", "the body must be a JSON object of ChatSessionEntity fields, such as {\"TopicId\": 1, \"FirstMessage\": \"Hello\"}")
        }
        var entity = base
        for (key, value) in members.sorted(by: { $0.key < $1.key }) {
            if ignoredFields.contains(key.lowercased()) { continue }
            guard let name = canonicalName(key) else {
                let suggestion = fields.min { EditDistance.between(key.lowercased(), $0.lowercased()) < EditDistance.between(key.lowercased(), $1.lowercased()) } ?? ""
                throw EntityError.invalid(field: key, "'\(key)' is not a field of ChatSessionEntity; did you mean '\(suggestion)'? The fields are \(fields.joined(separator: ", "))")
            }
            try set(name, value, on: &entity, clock: clock)
        }
        return entity
    }

    /// Sets one field (canonical name) from a JSON value.
    static func set(_ name: String, _ value: JSONValue, on entity: inout ChatSessionEntity, clock: ZonedClock) throws {
        let field = FieldValue(name: name, value: value, clock: clock)
        switch name {
        case "ChatSessionId": try checkChatSessionId(field, of: entity)
        case "TopicId":
            if case .null = value { throw EntityError.invalid(field: name, "TopicId is required: the chat topic (channel) the session is in") }
            entity.topicId = try field.whole()
        case "User": entity.userId = try field.reference("AssociateId")
        case "Person": entity.personId = try field.reference("PersonId")
        case "Contact": entity.contactId = try field.reference("ContactId")
        case "TransferTo": entity.transferToId = try field.reference("AssociateId")
        case "Project", "Sale", "Ticket":
            guard try field.reference("\(name)Id") == nil else { throw EntityError.invalid(field: name, "this archive keeps no \(name.lowercased())s; \(name) must be null") }
        case "CustomerAlias": entity.customerAlias = try field.text()
        case "CustomerHost": entity.customerHost = try field.text()
        case "CustomerName": entity.customerName = try field.text()
        case "CustomerEmail": entity.customerEmail = try field.text()
        case "CustomerPhone": entity.customerPhone = try field.text()
        case "CustomerConsented": entity.customerConsented = try field.flag()
        case "CustomerCompanyName": entity.customerCompanyName = try field.text()
        case "Status": entity.status = try status(field)
        case "FirstMessage": entity.firstMessage = try field.text()
        case "LastMessage": entity.lastMessage = try field.text()
        case "WhenRequested": entity.whenRequested = try field.moment()
        case "WhenStarted": entity.whenStarted = try field.moment()
        case "WhenEnded": entity.whenEnded = try field.moment()
        case "WhenIdle": entity.whenIdle = try field.moment()
        case "WhenFetched": entity.whenFetched = try field.moment()
        case "SessionKey": entity.sessionKey = try field.text()
        case "InitialQueuePos": entity.initialQueuePos = try field.whole()
        case "AlertLevel": entity.alertLevel = try field.whole()
        case "Rank": entity.rank = try field.whole()
        case "Flags": entity.flags = try flags(field)
        case "ChatbotIsActive": entity.chatbotIsActive = try field.flag()
        case "Rating":
            // 0, as the reference writes an unrated session, is no rating.
            if case .null = value { entity.rating = nil; return }
            let rating = try field.whole()
            guard (0...5).contains(rating) else { throw field.wrong("from 1 to 5 (0 or null: no rating)") }
            entity.rating = rating == 0 ? nil : rating
        default: preconditionFailure("\(name) is not a field")
        }
    }

    /// The id is the server's: a body may repeat it (or send 0) but not change it.
    private static func checkChatSessionId(_ field: FieldValue, of entity: ChatSessionEntity) throws {
        let id = try field.whole()
        guard id == 0 || id == entity.chatSessionId else {
            throw EntityError.invalid(field: field.name, "ChatSessionId is \(entity.chatSessionId == 0 ? "given by the server; leave it 0" : "\(entity.chatSessionId), the id in the URL"), not \(id)")
        }
    }

    /// A status by its name, or by its number (as a number or a string).
    private static func status(_ field: FieldValue) throws -> ChatSessionStatus {
        let given: String
        switch field.value {
        case .string(let string): given = string
        case .number: given = String(try field.whole())
        default: throw field.wrong("a status name")
        }
        guard let status = ChatSessionStatus(name: given) else {
            throw EntityError.invalid(field: field.name, "'\(given)' is not a status; use \(ChatSessionStatus.allCases.map(\.name).joined(separator: ", "))")
        }
        return status
    }

    /// Flags by name (`"CustomerIsTyping, UserIsTyping"`) or number; null or `""` is `None`.
    private static func flags(_ field: FieldValue) throws -> ChatSessionFlags {
        guard let given = try field.text().map({ $0 }) ?? Optional("None"), let flags = ChatSessionFlags(name: given) else {
            throw field.wrong("None, CustomerIsTyping, UserIsTyping or \"CustomerIsTyping, UserIsTyping\"")
        }
        return flags
    }

    /// One field's JSON value, read as the kind of value the field holds; a value of another
    /// kind is an ``EntityError`` naming the field and what it must be.
    private struct FieldValue {
        let name: String
        let value: JSONValue
        /// The zone datetimes without an offset are read in.
        let clock: ZonedClock

        func wrong(_ expected: String) -> EntityError { .invalid(field: name, "\(name) must be \(expected)") }

        /// Text; null and `""` are none.
        func text() throws -> String? {
            switch value {
            case .null: return nil
            case .string(let string) where string.containsNUL: throw wrong("text without the NUL character (U+0000)")
            case .string(let string): return string.isEmpty ? nil : string
            default: throw wrong("a string")
            }
        }

        func whole() throws -> Int64 {
            guard case .number(let number) = value, number == number.rounded() else { throw wrong("a whole number") }
            // Beyond this a Double no longer holds every whole number exactly.
            guard abs(number) < 9e15 else { throw wrong("a whole number between -9e15 and 9e15") }
            return Int64(number)
        }

        func flag() throws -> Bool {
            guard case .bool(let flag) = value else { throw wrong("true or false") }
            return flag
        }

        /// A datetime; null, `""` and the reference's stand-ins for "no date" are none.
        func moment() throws -> Int64? {
            switch value {
            case .null: return nil
            case .string(let string):
                if string.isEmpty || string.hasPrefix("1753-01-01T00:00:00") || string.hasPrefix("0001-01-01T00:00:00") { return nil }
                guard let literal = DateLiteral(parsing: string) else {
                    throw wrong("a datetime such as \"2026-11-20T13:05:09\" (in the request's time zone) or \"2026-11-20T12:05:09Z\", not \"\(string)\"")
                }
                return literal.instant(in: clock)
            default: throw wrong("a datetime string such as \"2026-11-20T13:05:09\"")
            }
        }

        /// A related row: `{"AssociateId": 5, …}`, a bare id, or null (0 is none).
        func reference(_ key: String) throws -> Int64? {
            switch value {
            case .null: return nil
            case .number: let id = try whole(); return id == 0 ? nil : id
            case .object:
                guard let member = value[member: key] else { return nil }
                guard case .number(let number) = member, number == number.rounded(), abs(number) < 9e15 else { throw wrong("an object with \(key), a whole number") }
                return number == 0 ? nil : Int64(number)
            default: throw wrong("an object such as {\"\(key)\": 5}, or null")
            }
        }
    }
}

/// Why an entity request cannot be done.
public enum EntityError: Error, Sendable, Equatable {
    /// A body or field that is not valid: the field (`Body` for the whole body) and why.
    case invalid(field: String, String)
    /// No chat session has that id.
    case notFound(Int64)
    /// A JSON Patch `test` did not hold.
    case testFailed(path: String, String)
    /// The session changed after the request's `If-Unmodified-Since`.
    case modifiedSince(Int64)
}
