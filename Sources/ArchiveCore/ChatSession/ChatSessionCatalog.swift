/// The `ChatSession` archive provider: chat sessions with their chat topic (channel), the
/// associate (agent) who handled them, the customer person and the customer's company.
///
/// Columns follow the reference system's provider page, plus its newer chat columns
/// (`duration`, `timeInQueue`, `queueLength`, `rating`, `status`). Where the reference leaves a
/// column's meaning open, `archive-api-decisions.md` settles it: `date` is the date the chat was
/// requested, `type` its status, `text` its first message, `associateId` its agent, `contactId` and
/// `personId` its customer.
public enum ChatSessionCatalog {
    /// The chat session provider's catalog with the reference's demo user-defined fields
    /// (``UserDefinedField/standard``), the one ``ArchiveProvider`` uses by default.
    public static let catalog = catalog(userDefinedFields: UserDefinedField.standard)

    /// The catalog of an archive that defines `userDefinedFields` (``UserDefinedField/load(from:)``).
    public static func catalog(userDefinedFields: [UserDefinedField]) -> ProviderCatalog {
        let fields = userDefinedFields.sorted { ($0.owner.rawValue, $0.position) < ($1.owner.rawValue, $1.position) }
        return ProviderCatalog(
            name: "ChatSession",
            rootTable: "chat_session",
            rootAlias: "chat",
            rootHintKey: "chat_session_id",
            entities: [EntityDefinition(name: "chat", description: "Chat session")],
            defaultEntities: ["chat"],
            relations: relations + personDetailRelations + companyDetailRelations
                + [Relation("associate.detail", table: "associate_detail", join: .sharedKey("associate_id"), isOptional: true)],
            columns: chatColumns + topicColumns + associateColumns
                + locationColumns(prefix: "associate", detail: "associate.detail", label: "Associate")
                + personColumns + personDetailColumns + fields.filter { $0.owner == .person }.map(\.column)
                + companyColumns + companyDetailColumns + fields.filter { $0.owner == .contact }.map(\.column)
                + extraFieldColumns,
            defaultColumns: [
                "chatSessionId", "whenRequested", "chatTopic/name", "associate/fullName", "person/fullName", "contact/name",
                "firstMessage",
            ],
            rowCountTable: "chat_count"
        )
    }

    static let relations: [Relation] = [
        Relation("chatTopic", table: "chat_topic", join: .parentColumn("topic_id"), isOptional: false, hintKey: "chat_topic_id"),
        Relation("status", table: "chat_session_status", join: .parentColumn("status"), isOptional: false),
        Relation("associate", table: "associate", join: .parentColumn("associate_id"), isOptional: true, hintKey: "associate_id"),
        Relation("associate.contact", table: "contact", join: .parentColumn("contact_id"), isOptional: true, hintKey: "contact_id"),
        Relation("associate.contact.category", table: "category", join: .parentColumn("category_id"), isOptional: true),
        Relation("associate.userGroup", table: "user_group", join: .parentColumn("user_group_id"), isOptional: true),
        Relation("associate.role", table: "role", join: .parentColumn("role_id"), isOptional: true),
        Relation("associate.type", table: "associate_type", join: .parentColumn("associate_type_id"), isOptional: false),
        Relation("person", table: "person", join: .parentColumn("person_id"), isOptional: true, hintKey: "person_id"),
        Relation("person.position", table: "person_position", join: .parentColumn("position_id"), isOptional: true),
        Relation("person.country", table: "country", join: .parentColumn("country_id"), isOptional: true),
        Relation("person.source", table: "source", join: .parentColumn("source_id"), isOptional: true),
        Relation("person.category", table: "category", join: .parentColumn("category_id"), isOptional: true),
        Relation("person.business", table: "business", join: .parentColumn("business_id"), isOptional: true),
        Relation("person.ticketPriority", table: "service_priority", join: .parentColumn("ticket_priority_id"), isOptional: true),
        Relation("person.supportLanguage", table: "language", join: .parentColumn("support_language_id"), isOptional: true),
        Relation("person.supportAssociate", table: "associate", join: .parentColumn("support_associate_id"), isOptional: true, hintKey: "associate_id"),
        Relation("person.ourContact", table: "associate", join: .parentColumn("associate_id"), isOptional: true, hintKey: "associate_id"),
        Relation("person.updatedBy", table: "associate", join: .parentColumn("updated_by"), isOptional: true, hintKey: "associate_id"),
        Relation("person.registeredBy", table: "associate", join: .parentColumn("registered_by"), isOptional: true, hintKey: "associate_id"),
        Relation("person.user", table: "associate", join: .childColumn("person_id"), isOptional: true, hintKey: "associate_id"),
        Relation("person.user.type", table: "associate_type", join: .parentColumn("associate_type_id"), isOptional: false),
        Relation("contact", table: "contact", join: .parentColumn("contact_id"), isOptional: true, hintKey: "contact_id"),
        Relation("contact.ourContact", table: "associate", join: .parentColumn("associate_id"), isOptional: true, hintKey: "associate_id"),
        Relation("contact.category", table: "category", join: .parentColumn("category_id"), isOptional: true),
        Relation("contact.business", table: "business", join: .parentColumn("business_id"), isOptional: true),
        Relation("contact.country", table: "country", join: .parentColumn("country_id"), isOptional: true),
        Relation("contact.source", table: "source", join: .parentColumn("source_id"), isOptional: true),
        Relation("contact.updatedBy", table: "associate", join: .parentColumn("updated_by"), isOptional: true, hintKey: "associate_id"),
        Relation("contact.registeredBy", table: "associate", join: .parentColumn("registered_by"), isOptional: true, hintKey: "associate_id"),
        Relation("contact.mainPerson", table: "person", join: .parentColumn("main_person_id"), isOptional: true, hintKey: "person_id"),
    ]

    static let chatColumns: [ColumnDefinition] = [
        .pseudo("getAllRows", matchesAllWhenTrue: true, "GetAll: Get all rows of archive - use with care, you may be fetching the whole database"),
        .pseudo("getNoRows", matchesAllWhenTrue: false, "GetNone: Do not get any rows from the archive"),
        .field("chatSessionId", "", "id", .integer, .int, orderable: true, "Chat session ID: Database ID of the chat session"),
        .field("firstMessage", "", "first_message", .text, .string, orderable: true, "First message: The first message submitted in the chat"),
        .field("lastMessage", "", "last_message", .text, .string, orderable: true, "Last message: The last message submitted in the chat"),
        .field("whenRequested", "", "when_requested", .dateTime, .dateTime, orderable: true, zoned: true, "Chat requested: When was this chat requested by the customer?"),
        .field("whenStarted", "", "when_started", .dateTime, .dateTime, orderable: true, zoned: true, "Chat started: When was this chat started between the customer and the agent?"),
        .field("whenEnded", "", "when_ended", .dateTime, .dateTime, orderable: true, zoned: true, "Chat ended: When did this chat end?"),
        .field("duration", "", "duration", .timeSpan, .timeSpan, orderable: false, "Duration: The duration of the chat session, in seconds"),
        .field("timeInQueue", "", "time_in_queue", .timeSpan, .timeSpan, orderable: true, "Time in queue: How long the customer waited before the chat started, in seconds"),
        .field("queueLength", "", "queue_length", .integer, .int, orderable: true, "Queue length: The number of chats waiting when this chat was requested"),
        .field("rating", "", "rating", .integer, .int, orderable: true, "Rating: The customer's rating of the chat"),
        .reference("status", owner: "", idColumn: "status", target: "status", .listAny, orderable: true, "Status: Status of the chat session"),
        .constant("icon", raw: "chat", display: LocalizedText("chat", no: "chat", sv: "chat", de: "chat"), "Category: Displays the icon for an activity type"),
        .field("date", "", "when_requested", .date, .date, orderable: true, zoned: true, sortKey: .localDate("", "when_requested", utcDate: "requested_date"), "Date: Displays start date of a follow-up / sale date of a sale"),
        .reference("type", owner: "", idColumn: "status", target: "status", .listAny, orderable: true, "Type: Displays the type of an activity"),
        .field("text", "", "first_message", .text, .positiveString, orderable: true, "Text: Displays a descriptive text for the item"),
        .reference("associateId", owner: "", idColumn: "associate_id", target: "associate", textColumn: "name", .associate, orderable: true, "ID: Displays the login ID of the associate who owns the activity."),
        .reference("agent", owner: "associate", idColumn: "ej_user_id", target: "associate", textColumn: "ej_display_name", .ejUser, orderable: true, "Agent: The Service user who handled the chat"),
        // Ids, as the reference's captures show them (`"contactId": 1`); the name is the tooltip.
        .identifier("contactId", owner: "", idColumn: "contact_id", target: "contact", nameColumn: "name", .listAny, orderable: true, "Company ID: Database ID of company"),
        .identifier("personId", owner: "", idColumn: "person_id", target: "person", nameColumn: "full_name", .listAny, orderable: true, "Contact ID: Database ID of the contact row"),
        .field("updatedDate", "", "updated", .date, .date, orderable: true, sortKey: .column("", "updated_date"), "Updated: The date/time the data was last updated in UTC."),
        .field("registeredDate", "", "when_requested", .date, .date, orderable: true, sortKey: .column("", "requested_date"), "Registered date: The date/time the data was registered in UTC."),
        .constant("recordTypeText", raw: "chat", display: .chat, "Activity type: The type of the activity (appointment, phone call, etc)"),
    ]

    static let topicColumns: [ColumnDefinition] = [
        .field("chatTopic/chatTopicId", "", "topic_id", .integer, .int, orderable: true, sortKey: .column("chatTopic", "id"), "Chat channel - ID: The database ID of the chat channel"),
        .field("chatTopic/name", "chatTopic", "name", .text, .string, orderable: true, "Chat channel - Name: Name"),
        .field("chatTopic/description", "chatTopic", "description", .text, .string, orderable: true, "Chat channel - Description: The description of the chat channel"),
        .field("chatTopic/badgeHeader", "chatTopic", "badge_header", .text, .string, orderable: true, "Chat channel - Badge header: The value of the badge header for the chat channel"),
    ]
}
