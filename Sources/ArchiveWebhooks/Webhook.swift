public import ArchiveCore

/// A registered webhook (the reference's `WebhookEntity`) and where its delivery stands.
public struct Webhook: Sendable, Equatable {
    /// Whether a webhook is delivered to.
    public enum State: String, Sendable, CaseIterable {
        /// Delivered to.
        case active = "Active"
        /// Set aside by a user: its events wait, and are delivered when it is active again.
        case stopped = "Stopped"
        /// Set aside after ``Webhook/failuresBeforeSetAside`` failed cycles in a row: its events
        /// wait, and are delivered from where it stopped when it is set active again.
        case tooManyErrors = "TooManyErrors"

        /// A state by its name, in any case.
        public init?(name: String) {
            guard let state = Self.allCases.first(where: { $0.rawValue.lowercased() == name.lowercased() }) else { return nil }
            self = state
        }
    }

    /// Failed delivery cycles in a row after which a webhook is set aside (as the reference).
    public static let failuresBeforeSetAside = 9

    public var id: Int64
    public var name: String
    /// The events it is sent (`chatsession.created`, …).
    public var events: [WebhookEvent]
    public var targetURL: String
    public var state: State
    /// Always `Webhook` (the reference also has CRMScript webhooks, which this server has not).
    public var type: String
    /// Whether it has a secret (which is never shown again).
    public var hasSecret: Bool
    public var registered: Int64
    public var registeredBy: Int64?
    public var updated: Int64?
    public var updatedBy: Int64?
    /// The change-feed position delivered up to.
    public var deliveredPosition: Int64
    public var consecutiveErrors: Int
    public var lastSuccess: Int64?
    public var lastError: Int64?
    public var lastErrorMessage: String?

    /// A webhook as registered, before it has an id or a delivery.
    public init(name: String, events: [WebhookEvent], targetURL: String, state: State = .active, hasSecret: Bool, registered: Int64, registeredBy: Int64?) {
        self.id = 0
        self.name = name
        self.events = events
        self.targetURL = targetURL
        self.state = state
        self.type = "Webhook"
        self.hasSecret = hasSecret
        self.registered = registered
        self.registeredBy = registeredBy
        self.deliveredPosition = 0
        self.consecutiveErrors = 0
    }
}

/// The events a webhook may be sent.
public enum WebhookEvent: String, Sendable, CaseIterable {
    case chatSessionCreated = "chatsession.created"
    case chatSessionChanged = "chatsession.changed"
    case chatSessionDeleted = "chatsession.deleted"

    /// The event a change of the feed raises.
    public init(_ kind: ChatChange.Kind) {
        switch kind {
        case .created: self = .chatSessionCreated
        case .changed: self = .chatSessionChanged
        case .deleted: self = .chatSessionDeleted
        }
    }

    /// An event by its name, in any case.
    public init?(name: String) {
        guard let event = Self.allCases.first(where: { $0.rawValue == name.lowercased() }) else { return nil }
        self = event
    }
}
