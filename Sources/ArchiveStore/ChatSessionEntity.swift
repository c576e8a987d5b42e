import Foundation

/// One chat session as the reference system's `ChatSessionEntity` describes it: what the entity
/// endpoints (`/api/v1/ChatSession/{id}`) read and write.
///
/// Datetimes are UTC instants (seconds since 1970); nil is empty. The related rows are ids; the
/// store adds their names when it answers (``ChatSessionStore/Related``).
public struct ChatSessionEntity: Sendable, Equatable {
    public var chatSessionId: Int64 = 0
    public var topicId: Int64 = 0
    /// The agent (associate) handling the session.
    public var userId: Int64?
    public var personId: Int64?
    public var contactId: Int64?
    public var customerAlias: String?
    public var customerHost: String?
    public var customerName: String?
    public var customerEmail: String?
    public var customerPhone: String?
    public var customerConsented = false
    public var customerCompanyName: String?
    public var status: ChatSessionStatus = .requestPosted
    public var firstMessage: String?
    public var lastMessage: String?
    public var whenRequested: Int64?
    public var whenStarted: Int64?
    public var whenEnded: Int64?
    public var whenIdle: Int64?
    public var whenFetched: Int64?
    public var sessionKey: String?
    /// The number of sessions waiting when this one was requested, plus one.
    public var initialQueuePos: Int64 = 0
    public var alertLevel: Int64 = 0
    public var rank: Int64 = 0
    public var flags = ChatSessionFlags()
    /// The agent a transfer of the session is pending to.
    public var transferToId: Int64?
    public var chatbotIsActive = false
    /// 1 to 5; nil when the customer gave none.
    public var rating: Int64?
    /// When the row last changed (UTC), set by the store.
    public var updated: Int64?

    public init() {}
}

/// The state of a chat session (`ChatSessionStatus`), by the reference's names and numbers.
public enum ChatSessionStatus: Int64, Sendable, CaseIterable {
    case invalid = 0, preChatForm, faq, offlineForm, inQueue, customerLast, userLast, finished, deleted, closed, requestPosted, closedFromQueue

    /// The reference's name (`Finished`).
    public var name: String {
        switch self {
        case .invalid: "Invalid"
        case .preChatForm: "PreChatForm"
        case .faq: "Faq"
        case .offlineForm: "OfflineForm"
        case .inQueue: "InQueue"
        case .customerLast: "CustomerLast"
        case .userLast: "UserLast"
        case .finished: "Finished"
        case .deleted: "Deleted"
        case .closed: "Closed"
        case .requestPosted: "RequestPosted"
        case .closedFromQueue: "ClosedFromQueue"
        }
    }

    /// A name (in any case) or a number.
    public init?(name: String) {
        if let number = Int64(name), let status = ChatSessionStatus(rawValue: number) { self = status; return }
        guard let status = Self.allCases.first(where: { $0.name.lowercased() == name.lowercased() }) else { return nil }
        self = status
    }
}

/// `ChatSessionFlags`: written as `None`, `CustomerIsTyping`, `UserIsTyping` or both joined by `, `.
public struct ChatSessionFlags: OptionSet, Sendable, Hashable {
    public let rawValue: Int64
    public init(rawValue: Int64) { self.rawValue = rawValue }

    public static let customerIsTyping = ChatSessionFlags(rawValue: 1)
    public static let userIsTyping = ChatSessionFlags(rawValue: 2)

    public var name: String {
        var names: [String] = []
        if contains(.customerIsTyping) { names.append("CustomerIsTyping") }
        if contains(.userIsTyping) { names.append("UserIsTyping") }
        return names.isEmpty ? "None" : names.joined(separator: ", ")
    }

    /// `None`, a flag's name, names joined by `,` (or `|`), or the number; nil otherwise.
    public init?(name: String) {
        if let number = Int64(name) {
            guard (0...3).contains(number) else { return nil }
            self.init(rawValue: number)
            return
        }
        var flags = ChatSessionFlags()
        for part in name.split(whereSeparator: { $0 == "," || $0 == "|" }).map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) {
            switch part {
            case "none", "": break
            case "customeristyping": flags.insert(.customerIsTyping)
            case "useristyping": flags.insert(.userIsTyping)
            default: return nil
            }
        }
        self = flags
    }
}
