public import ArchiveCore
import Foundation

/// Reads and writes chat sessions as entities, on one connection of either engine (the server's
/// writer for writes, so that they are serialized while readers go on).
///
/// Every write is one transaction: it checks the fields against the rows they refer to and the
/// rules the schema enforces first, so that a bad body is refused naming its field and nothing is
/// half-written. `updated` is set to the time of the write.
///
/// ```swift
/// let store = ChatSessionStore(database: writer)
/// var chat = try store.defaultEntity()
/// chat.topicId = 1
/// chat.firstMessage = "Hello"
/// let saved = try store.create(chat, now: QueryContext.currentTime())
/// ```
public struct ChatSessionStore {
    let database: any ArchiveDatabase
    /// Whom the writes are for, as the change feed records them.
    let writer: WriteContext

    /// A store on `database` whose writes the change feed records as made for `writer`.
    public init(database: any ArchiveDatabase, writingFor writer: WriteContext = .unattributed) {
        self.database = database
        self.writer = writer
    }

    /// A new blank entity with the defaults the API fills in: requested now, the first topic,
    /// status `RequestPosted`.
    public func defaultEntity(now: Int64) throws -> ChatSessionEntity {
        var entity = ChatSessionEntity()
        entity.whenRequested = now
        entity.topicId = try database.fetchValue("SELECT min(id) FROM chat_topic")?.integerValue ?? 0
        return entity
    }

    /// The entity with this id; throws ``EntityError/notFound(_:)`` when there is none.
    public func load(_ id: Int64) throws -> ChatSessionEntity {
        guard let row = try database.fetchOne("SELECT \(raw: Self.columnList) FROM chat_session WHERE id = \(id)") else {
            throw EntityError.notFound(id)
        }
        return Self.entity(row)
    }

    /// The names of the rows an entity refers to, for its answer.
    public func related(_ entity: ChatSessionEntity) throws -> ChatSessionEntityJSON.Related {
        func associate(_ id: Int64?) throws -> ChatSessionEntityJSON.Related.Associate? {
            guard let id, let row = try database.fetchOne("SELECT name, full_name, user_name FROM associate WHERE id = \(id)") else { return nil }
            return .init(id: id, name: row[0].textValue ?? "", fullName: row[1].textValue ?? "", userName: row[2].textValue ?? "")
        }
        var related = ChatSessionEntityJSON.Related(user: try associate(entity.userId), transferTo: try associate(entity.transferToId))
        if let id = entity.personId, let row = try database.fetchOne(
            "SELECT p.first_name, p.last_name, p.full_name, p.email, p.contact_id, c.name FROM person p LEFT JOIN contact c ON c.id = p.contact_id WHERE p.id = \(id)") {
            related.person = .init(
                id: id, firstName: row[0].textValue ?? "", lastName: row[1].textValue ?? "", fullName: row[2].textValue ?? "",
                email: row[3].textValue ?? "", contactId: row[4].integerValue ?? 0, contactName: row[5].textValue ?? "")
        }
        if let id = entity.contactId, let row = try database.fetchOne("SELECT name, department, name_department FROM contact WHERE id = \(id)") {
            related.contact = .init(id: id, name: row[0].textValue ?? "", department: row[1].textValue ?? "", fullName: row[2].textValue ?? "")
        }
        return related
    }

    /// Creates a session and returns it as stored (with its new id).
    public func create(_ entity: ChatSessionEntity, now: Int64) throws -> ChatSessionEntity {
        try database.inTransaction(writingFor: writer) {
            var row = entity
            row.updated = now
            try validate(row)
            let values = PortableSQL(joining: ["\(newID: "chat_session")"] + Self.values(row) + ["\(moment: now)"], separator: ", ")
            let id = try database.insertReturningID(
                "INSERT INTO chat_session (id, \(raw: Self.writableColumns.joined(separator: ", ")), registered) VALUES (\(values)) RETURNING id")
            return try load(id)
        }
    }

    /// Replaces a session's fields with `entity`'s.
    ///
    /// - Parameter unmodifiedSince: `If-Unmodified-Since`: refused with
    ///   ``EntityError/modifiedSince(_:)`` when the session changed after it.
    public func update(_ id: Int64, to entity: ChatSessionEntity, unmodifiedSince: Int64? = nil, now: Int64) throws -> ChatSessionEntity {
        try modify(id, unmodifiedSince: unmodifiedSince, now: now) { _ in entity }
    }

    /// Changes a session with a function of its stored entity (PUT ignores it, PATCH applies its
    /// operations to it), reading and writing in one transaction.
    public func modify(
        _ id: Int64, unmodifiedSince: Int64? = nil, now: Int64, _ change: (ChatSessionEntity) throws -> ChatSessionEntity
    ) throws -> ChatSessionEntity {
        try database.inTransaction(writingFor: writer) {
            let stored = try load(id)
            if let unmodifiedSince, let updated = stored.updated, updated > unmodifiedSince { throw EntityError.modifiedSince(updated) }
            var row = try change(stored)
            row.chatSessionId = id
            row.updated = now
            try validate(row)
            let assignments = zip(Self.writableColumns, Self.values(row)).map { column, value in "\(raw: column) = \(value)" as PortableSQL }
            try database.perform("UPDATE chat_session SET \(PortableSQL(joining: assignments, separator: ", ")) WHERE id = \(id)")
            return try load(id)
        }
    }

    /// Deletes a session; throws ``EntityError/notFound(_:)`` when there is none.
    public func delete(_ id: Int64, unmodifiedSince: Int64? = nil) throws {
        try database.inTransaction(writingFor: writer) {
            let stored = try load(id)
            if let unmodifiedSince, let updated = stored.updated, updated > unmodifiedSince { throw EntityError.modifiedSince(updated) }
            try database.perform("DELETE FROM chat_session WHERE id = \(id)")
        }
    }

    // MARK: - Checks

    /// The rules of the schema, checked with messages that name the field.
    func validate(_ entity: ChatSessionEntity) throws {
        func exists(_ table: String, _ id: Int64?, field: String, what: String) throws {
            guard let id else { return }
            guard try database.fetchOne("SELECT 1 FROM \(raw: table) WHERE id = \(id)") != nil else {
                throw EntityError.invalid(field: field, "there is no \(what) \(id)")
            }
        }
        guard entity.topicId != 0 else { throw EntityError.invalid(field: "TopicId", "TopicId is required: the chat topic (channel) the session is in") }
        try exists("chat_topic", entity.topicId, field: "TopicId", what: "chat topic")
        try exists("associate", entity.userId, field: "User", what: "associate")
        try exists("associate", entity.transferToId, field: "TransferTo", what: "associate")
        try exists("person", entity.personId, field: "Person", what: "person")
        try exists("contact", entity.contactId, field: "Contact", what: "company (contact)")
        guard let requested = entity.whenRequested else {
            throw EntityError.invalid(field: "WhenRequested", "WhenRequested is required: when the customer asked for the chat")
        }
        if let started = entity.whenStarted, started < requested {
            throw EntityError.invalid(field: "WhenStarted", "WhenStarted is before WhenRequested")
        }
        if let ended = entity.whenEnded, ended < (entity.whenStarted ?? requested) {
            throw EntityError.invalid(field: "WhenEnded", "WhenEnded is before \(entity.whenStarted == nil ? "WhenRequested" : "WhenStarted")")
        }
        if let rating = entity.rating, !(1...5).contains(rating) {
            throw EntityError.invalid(field: "Rating", "Rating is 1 to 5 (or 0 for no rating), not \(rating)")
        }
        if entity.initialQueuePos < 0 { throw EntityError.invalid(field: "InitialQueuePos", "InitialQueuePos is 0 or more") }
    }

    // MARK: - Rows

    /// The columns an entity writes, in the order of ``values(_:)``.
    static let writableColumns = [
        "topic_id", "associate_id", "person_id", "contact_id", "status", "customer_alias", "customer_host", "customer_name",
        "customer_email", "customer_phone", "customer_company_name", "customer_consented", "first_message", "last_message",
        "when_requested", "when_started", "when_ended", "when_idle", "when_fetched", "session_key", "queue_length", "alert_level",
        "rank", "flags", "transfer_to", "chatbot_is_active", "rating", "updated",
    ]

    static let columnList = "id, " + writableColumns.joined(separator: ", ")

    /// The entity's values for ``writableColumns``, each bound as its column takes it.
    static func values(_ entity: ChatSessionEntity) -> [PortableSQL] {
        [
            "\(entity.topicId)", "\(entity.userId)", "\(entity.personId)", "\(entity.contactId)", "\(entity.status.rawValue)",
            "\(entity.customerAlias)", "\(entity.customerHost)", "\(entity.customerName)", "\(entity.customerEmail)",
            "\(entity.customerPhone)", "\(entity.customerCompanyName)", "\(entity.customerConsented)",
            "\(entity.firstMessage)", "\(entity.lastMessage)", "\(moment: entity.whenRequested)", "\(moment: entity.whenStarted)",
            "\(moment: entity.whenEnded)", "\(moment: entity.whenIdle)", "\(moment: entity.whenFetched)", "\(entity.sessionKey)",
            "\(entity.initialQueuePos)", "\(entity.alertLevel)", "\(entity.rank)", "\(entity.flags.rawValue)",
            "\(entity.transferToId)", "\(entity.chatbotIsActive)", "\(entity.rating)", "\(moment: entity.updated)",
        ]
    }

    static func entity(_ row: [DatabaseValue]) -> ChatSessionEntity {
        func moment(_ value: DatabaseValue) -> Int64? { value.textValue.flatMap { StoredDateTime.parse($0) } }
        var entity = ChatSessionEntity()
        entity.chatSessionId = row[0].integerValue ?? 0
        entity.topicId = row[1].integerValue ?? 0
        entity.userId = row[2].integerValue
        entity.personId = row[3].integerValue
        entity.contactId = row[4].integerValue
        entity.status = ChatSessionStatus(rawValue: row[5].integerValue ?? 0) ?? .invalid
        entity.customerAlias = row[6].textValue
        entity.customerHost = row[7].textValue
        entity.customerName = row[8].textValue
        entity.customerEmail = row[9].textValue
        entity.customerPhone = row[10].textValue
        entity.customerCompanyName = row[11].textValue
        entity.customerConsented = row[12].integerValue == 1
        entity.firstMessage = row[13].textValue
        entity.lastMessage = row[14].textValue
        entity.whenRequested = moment(row[15])
        entity.whenStarted = moment(row[16])
        entity.whenEnded = moment(row[17])
        entity.whenIdle = moment(row[18])
        entity.whenFetched = moment(row[19])
        entity.sessionKey = row[20].textValue
        entity.initialQueuePos = row[21].integerValue ?? 0
        entity.alertLevel = row[22].integerValue ?? 0
        entity.rank = row[23].integerValue ?? 0
        entity.flags = ChatSessionFlags(rawValue: row[24].integerValue ?? 0)
        entity.transferToId = row[25].integerValue
        entity.chatbotIsActive = row[26].integerValue == 1
        entity.rating = row[27].integerValue
        entity.updated = moment(row[28])
        return entity
    }
}
