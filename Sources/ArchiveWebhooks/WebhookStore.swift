public import ArchiveCore

/// Reads and writes webhooks and their delivery state, on either engine.
public struct WebhookStore {
    let database: any ArchiveDatabase

    /// A store on `database` (the writer, for anything that changes a webhook).
    public init(database: any ArchiveDatabase) {
        self.database = database
    }

    private static let columns = """
        id, name, events, target_url, CASE WHEN sealed_secret IS NULL THEN 0 ELSE 1 END, state, type, registered, registered_by, updated, updated_by,
        delivered_position, consecutive_errors, last_success, last_error, last_error_message
        """

    /// Every webhook, by id.
    public func all() throws -> [Webhook] {
        try database.fetchAll("SELECT \(raw: Self.columns) FROM webhook ORDER BY id").compactMap(Self.webhook)
    }

    /// The webhook with this id, or nil.
    public func load(_ id: Int64) throws -> Webhook? {
        try database.fetchOne("SELECT \(raw: Self.columns) FROM webhook WHERE id = \(id)").flatMap(Self.webhook)
    }

    /// A webhook's sealed secret (see ``SecretSealer``), or nil when it has none.
    public func sealedSecret(of id: Int64) throws -> String? {
        try database.fetchValue("SELECT sealed_secret FROM webhook WHERE id = \(id)")?.textValue
    }

    /// Registers a webhook and returns its id. It starts at the feed's last position: it is sent
    /// what changes from now on.
    public func create(_ webhook: Webhook, sealedSecret: String?) throws -> Int64 {
        try database.inTransaction {
            let position = try ChangeFeed.lastPosition(in: database)
            return try database.insertReturningID("""
                INSERT INTO webhook (id, name, events, target_url, sealed_secret, state, type, registered, registered_by, delivered_position)
                VALUES (\(newID: "webhook"), \(webhook.name), \(Self.eventList(webhook.events)), \(webhook.targetURL), \(sealedSecret),
                        \(webhook.state.rawValue), \(webhook.type), \(moment: webhook.registered), \(webhook.registeredBy), \(position))
                RETURNING id
                """)
        }
    }

    /// Changes what a user may change: name, events, target, and (when given) the state and
    /// the secret. The state is written only when given, so that an edit does not undo what the
    /// dispatcher set meanwhile (`TooManyErrors`); setting a webhook set aside active again
    /// clears its error count, and its events wait where it stopped.
    public func update(_ webhook: Webhook, state: Webhook.State?, sealedSecret: String??, at now: Int64, by associate: Int64?) throws {
        let secret: PortableSQL = switch sealedSecret {
        case .none: "sealed_secret"
        case .some(let value): "\(value)"
        }
        let newState: PortableSQL = state.map { "\($0.rawValue)" } ?? "state"
        let errors: PortableSQL = state == .active ? "CASE WHEN state = 'Active' THEN consecutive_errors ELSE 0 END" : "consecutive_errors"
        _ = try database.perform("""
            UPDATE webhook SET name = \(webhook.name), events = \(Self.eventList(webhook.events)), target_url = \(webhook.targetURL),
                sealed_secret = \(secret), consecutive_errors = \(errors), state = \(newState),
                updated = \(moment: now), updated_by = \(associate)
            WHERE id = \(webhook.id)
            """)
    }

    /// Removes a webhook; false when there was none.
    public func delete(_ id: Int64) throws -> Bool {
        try database.perform("DELETE FROM webhook WHERE id = \(id)") > 0
    }

    /// Notes a delivery: the feed position is delivered (or, for a change the webhook is not
    /// subscribed to, passed).
    public func delivered(_ id: Int64, through position: Int64, at now: Int64?) throws {
        let success: PortableSQL = now.map { "\(moment: $0)" } ?? "last_success"
        _ = try database.perform("""
            UPDATE webhook SET delivered_position = \(position), consecutive_errors = 0, last_success = \(success)
            WHERE id = \(id) AND delivered_position < \(position)
            """)
    }

    /// Notes a failed cycle; after ``Webhook/failuresBeforeSetAside`` in a row the webhook is
    /// set aside (`TooManyErrors`). Returns the state it is in.
    public func failed(_ id: Int64, at now: Int64, message: String) throws -> Webhook.State? {
        _ = try database.perform("""
            UPDATE webhook SET consecutive_errors = consecutive_errors + 1, last_error = \(moment: now), last_error_message = \(message),
                state = CASE WHEN consecutive_errors + 1 >= \(Int64(Webhook.failuresBeforeSetAside)) AND state = 'Active' THEN 'TooManyErrors' ELSE state END
            WHERE id = \(id)
            """)
        return try load(id)?.state
    }

    /// The changes waiting for a webhook (of any event: those it is not sent are passed over).
    public func queueLength(_ webhook: Webhook) throws -> Int {
        Int(try database.fetchValue("SELECT count(*) FROM chat_change WHERE seq > \(webhook.deliveredPosition)")?.integerValue ?? 0)
    }

    private static func eventList(_ events: [WebhookEvent]) -> String { events.map(\.rawValue).joined(separator: ",") }

    private static func webhook(_ row: [DatabaseValue]) -> Webhook? {
        func moment(_ value: DatabaseValue) -> Int64? { value.textValue.flatMap { StoredDateTime.parse($0) } }
        guard let id = row[0].integerValue, let name = row[1].textValue, let target = row[3].textValue,
            let state = row[5].textValue.flatMap(Webhook.State.init(rawValue:)), let registered = moment(row[7])
        else { return nil }
        var webhook = Webhook(
            name: name, events: (row[2].textValue ?? "").split(separator: ",").compactMap { WebhookEvent(name: String($0)) },
            targetURL: target, state: state, hasSecret: row[4].integerValue == 1, registered: registered,
            registeredBy: row[8].integerValue)
        webhook.id = id
        webhook.type = row[6].textValue ?? "Webhook"
        webhook.updated = moment(row[9])
        webhook.updatedBy = row[10].integerValue
        webhook.deliveredPosition = row[11].integerValue ?? 0
        webhook.consecutiveErrors = Int(row[12].integerValue ?? 0)
        webhook.lastSuccess = moment(row[13])
        webhook.lastError = moment(row[14])
        webhook.lastErrorMessage = row[15].textValue
        return webhook
    }
}
