import ArchiveCore
import ArchiveSchema
import ArchiveSQLite
import Foundation

/// Every chat of a database with the values the property test uses, read with plain SQL, and an
/// evaluation of restrictions and orders in Swift that follows the documented semantics
/// independently of the planner.
struct ReferenceModel: Sendable {
    struct Chat: Sendable {
        let id: Int64
        let firstMessage: String?
        let whenRequested: Int64
        let whenStarted: Int64?
        let rating: Int64?
        let queueLength: Int64
        let statusID: Int64
        let statusName: String
        let topicID: Int64
        let topicName: String
        let associateID: Int64?
        let associateFullName: String?
        let personID: Int64?
        let personLastName: String?
        let personRetired: Bool?
        let countryID: Int64?
        let countryName: String?
        let contactID: Int64?
        let contactName: String?
        /// V008: the person's e-mail addresses by rank, interests, user-defined number; the company's SAINT status.
        let personEmails: [String]
        let interestIDs: [Int64]
        let udefNumber: Int64?
        let hasUdefRow: Bool
        let saintStatus: Bool?
        /// The local date of `whenRequested` in ``orderZone`` (what `date` sorts by).
        let requestedDay: Int64
    }

    enum Value: Equatable, Sendable {
        case integer(Int64)
        case text(String)
        case moment(Int64)
        case flag(Bool)
    }

    /// A column of the test: how to read it from a chat, and how it sorts.
    struct Column: Sendable {
        enum Kind: Sendable { case integer, text, moment, list, flag }
        let name: String
        let kind: Kind
        let orderable: Bool
        /// The value restrictions compare (the id for lists).
        let value: @Sendable (Chat) -> Value?
        /// The value it sorts by (the name for lists).
        let sortValue: @Sendable (Chat) -> Value?
        /// The primary keys of the rows on the column's path, innermost first (tie-breakers).
        let pathKeys: @Sendable (Chat) -> [Int64?]
        /// For a column of several values (e-mail addresses, interests): all of them.
        var allValues: (@Sendable (Chat) -> [Value])? = nil
    }

    let chats: [Chat]
    let zone: TimeZone
    /// Per orderable column, each chat's place in that column's order (equal values share one):
    /// sorting by ranks is an integer comparison, the order itself is worked out once, by
    /// ``compare(_:_:)``.
    let ranks: [String: [Int64: Int]]

    static let columns: [Column] = [
        Column(name: "chatSessionId", kind: .integer, orderable: true, value: { .integer($0.id) }, sortValue: { .integer($0.id) }, pathKeys: { _ in [] }),
        Column(name: "rating", kind: .integer, orderable: true, value: { $0.rating.map { .integer($0) } }, sortValue: { $0.rating.map { .integer($0) } }, pathKeys: { _ in [] }),
        Column(name: "queueLength", kind: .integer, orderable: true, value: { .integer($0.queueLength) }, sortValue: { .integer($0.queueLength) }, pathKeys: { _ in [] }),
        Column(name: "whenRequested", kind: .moment, orderable: true, value: { .moment($0.whenRequested) }, sortValue: { .moment($0.whenRequested) }, pathKeys: { _ in [] }),
        // `date` is the local date of whenRequested: rows of one day tie, and the next key decides.
        Column(name: "date", kind: .moment, orderable: true, value: { .moment($0.whenRequested) }, sortValue: { .integer($0.requestedDay) }, pathKeys: { _ in [] }),
        Column(name: "whenStarted", kind: .moment, orderable: true, value: { $0.whenStarted.map { .moment($0) } }, sortValue: { $0.whenStarted.map { .moment($0) } }, pathKeys: { _ in [] }),
        Column(name: "firstMessage", kind: .text, orderable: true, value: { $0.firstMessage.map { .text($0) } }, sortValue: { $0.firstMessage.map { .text($0) } }, pathKeys: { _ in [] }),
        Column(name: "type", kind: .list, orderable: true, value: { .integer($0.statusID) }, sortValue: { .text($0.statusName) }, pathKeys: { [$0.statusID] }),
        Column(name: "chatTopic/name", kind: .text, orderable: true, value: { .text($0.topicName) }, sortValue: { .text($0.topicName) }, pathKeys: { [$0.topicID] }),
        Column(name: "associate/fullName", kind: .text, orderable: true, value: { $0.associateFullName.map { .text($0) } }, sortValue: { $0.associateFullName.map { .text($0) } }, pathKeys: { [$0.associateID] }),
        Column(name: "person/lastName", kind: .text, orderable: true, value: { $0.personLastName.map { .text($0) } }, sortValue: { $0.personLastName.map { .text($0) } }, pathKeys: { [$0.personID] }),
        // A boolean with no value (no person) counts as false, in restrictions and in the order.
        Column(name: "person/retired", kind: .flag, orderable: true, value: { $0.personRetired.map { .flag($0) } }, sortValue: { .integer(($0.personRetired ?? false) ? 1 : 0) }, pathKeys: { [$0.personID] }),
        Column(name: "person/personCountry", kind: .list, orderable: true, value: { $0.countryID.map { .integer($0) } }, sortValue: { $0.countryName.map { .text($0) } }, pathKeys: { [$0.countryID, $0.personID] }),
        Column(name: "contact/name", kind: .text, orderable: true, value: { $0.contactName.map { .text($0) } }, sortValue: { $0.contactName.map { .text($0) } }, pathKeys: { [$0.contactID] }),
        // V008: the first e-mail address by rank is shown and sorted by; restrictions match any.
        Column(
            name: "person/email/emailAddress", kind: .text, orderable: true, value: { $0.personEmails.first.map { .text($0) } },
            sortValue: { $0.personEmails.first.map { .text($0) } }, pathKeys: { [$0.personID] }, allValues: { $0.personEmails.map { .text($0) } }),
        Column(
            name: "person/personInterestIds", kind: .list, orderable: false, value: { $0.interestIDs.first.map { .integer($0) } },
            sortValue: { _ in nil }, pathKeys: { _ in [] }, allValues: { $0.interestIDs.map { .integer($0) } }),
        Column(name: "contact/SaintStatus1", kind: .flag, orderable: false, value: { $0.saintStatus.map { .flag($0) } }, sortValue: { _ in nil }, pathKeys: { _ in [] }),
        // A user-defined field: its row (keyed by the person) may be missing, as the person may.
        Column(
            name: "person/personUdef/SuperOffice:3", kind: .integer, orderable: true, value: { $0.udefNumber.map { .integer($0) } },
            sortValue: { $0.udefNumber.map { .integer($0) } }, pathKeys: { [$0.hasUdefRow ? $0.personID : nil, $0.personID] }),
    ]

    init(connection: Connection, zone: TimeZone) throws {
        self.zone = zone
        let rows = try connection.rows("""
            SELECT s.id, s.first_message, s.when_requested, s.when_started, s.rating, s.queue_length, s.status, st.name_en,
                   t.id, t.name, a.id, a.full_name, p.id, p.last_name, p.retired, p.country_id, co.name_en, c.id, c.name,
                   (SELECT group_concat(address, char(10)) FROM (SELECT address FROM person_email WHERE person_id = p.id ORDER BY rank, id)),
                   (SELECT group_concat(interest_id) FROM person_interest WHERE person_id = p.id),
                   u.number_1, u.person_id IS NOT NULL, cd.saint_status1
            FROM chat_session s
            JOIN chat_topic t ON t.id = s.topic_id
            JOIN chat_session_status st ON st.id = s.status
            LEFT JOIN associate a ON a.id = s.associate_id
            LEFT JOIN person p ON p.id = s.person_id
            LEFT JOIN country co ON co.id = p.country_id
            LEFT JOIN contact c ON c.id = s.contact_id
            LEFT JOIN person_udef u ON u.person_id = p.id
            LEFT JOIN contact_detail cd ON cd.contact_id = c.id
            """)
        chats = rows.map { r in
            Chat(
                id: r[0].integerValue!, firstMessage: r[1].textValue, whenRequested: StoredDateTime.parse(r[2].textValue!)!,
                whenStarted: r[3].textValue.flatMap { StoredDateTime.parse($0) }, rating: r[4].integerValue, queueLength: r[5].integerValue!,
                statusID: r[6].integerValue!, statusName: r[7].textValue!, topicID: r[8].integerValue!, topicName: r[9].textValue!,
                associateID: r[10].integerValue, associateFullName: r[11].textValue, personID: r[12].integerValue, personLastName: r[13].textValue,
                personRetired: r[14].integerValue.map { $0 != 0 }, countryID: r[15].integerValue, countryName: r[16].textValue,
                contactID: r[17].integerValue, contactName: r[18].textValue,
                personEmails: r[19].textValue.map { $0.split(separator: "\n").map(String.init) } ?? [],
                interestIDs: r[20].textValue.map { $0.split(separator: ",").compactMap { Int64($0) } } ?? r[20].integerValue.map { [$0] } ?? [],
                udefNumber: r[21].integerValue, hasUdefRow: r[22].integerValue == 1, saintStatus: r[23].integerValue.map { $0 != 0 },
                requestedDay: Self.localDay(StoredDateTime.parse(r[2].textValue!)!, in: Self.orderZone))
        }
        var ranks: [String: [Int64: Int]] = [:]
        for column in Self.columns where column.orderable {
            let sorted = chats.map { ($0.id, column.sortValue($0)) }.sorted { Self.compare($0.1, $1.1) < 0 }
            var rank = 0, byID: [Int64: Int] = [:]
            for (index, entry) in sorted.enumerated() {
                if index > 0, Self.compare(sorted[index - 1].1, entry.1) != 0 { rank += 1 }
                byID[entry.0] = rank
            }
            ranks[column.name] = byID
        }
        self.ranks = ranks
    }

    // MARK: - Restrictions

    /// Whether a chat matches a restriction, by the decisions page's rules.
    func matches(_ restriction: Restriction, _ chat: Chat) -> Bool {
        switch restriction {
        case .and(let parts): return parts.allSatisfy { matches($0, chat) }
        case .or(let parts): return parts.contains { matches($0, chat) }
        case .condition(let condition):
            let column = Self.columns.first { $0.name == condition.column }!
            if let all = column.allValues?(chat) { return matches(condition, column, anyOf: all) }
            return matches(condition, column, column.value(chat))
        }
    }

    /// Operators that deny another: a to-many column matches them when none of its values
    /// matches the positive one.
    static let positiveCounterparts = ["ne": "eq", "notOneOf": "oneOf", "isNot": "is", "notBegins": "begins", "notContains": "contains"]

    /// A condition on a column of several values (SCHEMA.md, "To-many values"): `isNull` when
    /// there is none; a negative operator when none matches its positive counterpart; a positive
    /// one when any matches.
    func matches(_ condition: Condition, _ column: Column, anyOf all: [Value]) -> Bool {
        switch condition.operator {
        case "isNull": return all.isEmpty
        case "isNotNull": return !all.isEmpty
        default:
            guard let positive = Self.positiveCounterparts[condition.operator] else { return all.contains { matches(condition, column, $0) } }
            let denied = Condition(condition.column, positive, condition.values)
            return !all.contains { matches(denied, column, $0) }
        }
    }

    /// Whether one value meets a condition.
    func matches(_ condition: Condition, _ column: Column, _ value: Value?) -> Bool {
            let texts = condition.values.map(\.text)
            switch (column.kind, condition.operator) {
            case (_, "isNull"): return value == nil
            case (.integer, _), (.list, _):
                let numbers = texts.map { Int64($0)! }
                guard case .integer(let n) = value else { return ["ne", "notOneOf"].contains(condition.operator) }
                switch condition.operator {
                case "eq": return n == numbers[0]
                case "ne": return n != numbers[0]
                case "gt": return n > numbers[0]
                case "lt": return n < numbers[0]
                case "ge": return n >= numbers[0]
                case "le": return n <= numbers[0]
                // The bounds in either order mean the same range.
                case "between": return n >= min(numbers[0], numbers[1]) && n <= max(numbers[0], numbers[1])
                case "oneOf": return numbers.contains(n)
                case "notOneOf": return !numbers.contains(n)
                default: fatalError("no reference for \(condition.operator)")
                }
            case (.text, _):
                let negative = ["isNot", "notBegins", "notContains"].contains(condition.operator)
                guard case .text(let text) = value, !text.isEmpty else { return negative }
                let folded = text.lowercased(), needle = texts[0].lowercased()
                switch condition.operator {
                case "begins": return folded.hasPrefix(needle)
                case "contains": return folded.contains(needle)
                case "is": return folded == needle
                case "isNot": return folded != needle
                case "notBegins": return !folded.hasPrefix(needle)
                case "notContains": return !folded.contains(needle)
                case "oneOf": return texts.contains { $0.lowercased() == folded }
                case "between":
                    let (low, high) = Self.nocase(texts[0], texts[1]) <= 0 ? (texts[0], texts[1]) : (texts[1], texts[0])
                    return Self.nocase(text, low) >= 0 && Self.nocase(text, high) <= 0
                default: fatalError("no reference for \(condition.operator)")
                }
            case (.flag, "set"):
                let wanted = texts.first.map { $0 == "true" } ?? true
                if case .flag(let flag) = value { return flag == wanted }
                return !wanted  // no value counts as false
            case (.moment, _):
                guard case .moment(let instant) = value else { return false }
                let day = localDay(instant)
                switch condition.operator {
                case "date": return day == Self.day(texts[0])
                case "before": return day < Self.day(texts[0])
                case "after": return day > Self.day(texts[0])
                case "dateBetween": return day >= Self.day(texts[0]) && day <= Self.day(texts[1])
                case "afterTime": return instant >= utc(localDateTime: texts[0])
                case "beforeTime": return instant < utc(localDateTime: texts[0])
                default: fatalError("no reference for \(condition.operator)")
                }
            default: fatalError("no reference for \(column.name) \(condition.operator)")
            }
    }

    // MARK: - Order

    /// The chats matching `restriction`, in the documented order of `orderBy`.
    func evaluate(_ restriction: Restriction?, orderBy: [OrderItem]) -> [Chat] {
        let matching = restriction.map { r in chats.filter { matches(r, $0) } } ?? chats
        let items = orderBy.map { item in (Self.columns.first { $0.name == item.column }!, item.direction == .descending) }
        // Each chat's keys once (sorting compares them n·log n times).
        struct Keyed { let chat: Chat; let ranks: [Int]; let pathKeys: [Int64] }
        let keyed = matching.map { chat in
            Keyed(
                chat: chat, ranks: items.map { ranks[$0.0.name]![chat.id]! },
                // NULL keys (a missing row) sort first: as the smallest key.
                pathKeys: items.last.map { $0.0.pathKeys(chat).map { $0 ?? Int64.min } } ?? [])
        }
        let lastDescending = items.last?.1 ?? false
        return keyed.sorted { a, b in
            for (index, (_, descending)) in items.enumerated() where a.ranks[index] != b.ranks[index] {
                return descending ? a.ranks[index] > b.ranks[index] : a.ranks[index] < b.ranks[index]
            }
            // The last sort column's path keys break its ties, in its direction.
            for (left, right) in zip(a.pathKeys, b.pathKeys) where left != right {
                return lastDescending ? left > right : left < right
            }
            return a.chat.id < b.chat.id
        }.map(\.chat)
    }

    /// SQLite's order: NULL first; numbers by value; text under NOCASE (ASCII letters folded).
    static func compare(_ left: Value?, _ right: Value?) -> Int {
        switch (left, right) {
        case (nil, nil): return 0
        case (nil, _): return -1
        case (_, nil): return 1
        case (.integer(let a)?, .integer(let b)?), (.moment(let a)?, .moment(let b)?): return a == b ? 0 : (a < b ? -1 : 1)
        case (.text(let a)?, .text(let b)?): return nocase(a, b)
        case (.flag(let a)?, .flag(let b)?): return a == b ? 0 : (!a ? -1 : 1)
        default: fatalError("mixed kinds")
        }
    }

    /// SQLite's NOCASE: bytes, with ASCII letters folded (compared without copying the texts,
    /// since sorting calls it tens of thousands of times a query).
    static func nocase(_ a: String, _ b: String) -> Int {
        var x = a.utf8.makeIterator(), y = b.utf8.makeIterator()
        while true {
            switch (x.next(), y.next()) {
            case (nil, nil): return 0
            case (nil, _): return -1
            case (_, nil): return 1
            case (let p?, let q?):
                let (fp, fq) = (p >= 65 && p <= 90 ? p + 32 : p, q >= 65 && q <= 90 ? q + 32 : q)
                if fp != fq { return fp < fq ? -1 : 1 }
            }
        }
    }

    // MARK: - Time

    func localDay(_ instant: Int64) -> Int64 { Self.localDay(instant, in: zone) }

    /// The zone the property tests run in, which the `date` column's order depends on.
    static let orderZone = TimeZone(identifier: "Europe/Oslo")!

    static func localDay(_ instant: Int64, in zone: TimeZone) -> Int64 {
        let offset = Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant))))
        return StoredDateTime.floorDivide(instant + offset, 86_400).quotient
    }

    static func day(_ text: String) -> Int64 { StoredDateTime.parse(text)! / 86_400 }

    /// A local datetime literal as an instant, by Foundation's calendar.
    func utc(localDateTime text: String) -> Int64 {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let local = StoredDateTime.parse(text)!
        let (day, second) = StoredDateTime.floorDivide(local, 86_400)
        let (year, month, dayOfMonth) = StoredDateTime.civil(fromDays: day)
        let components = DateComponents(year: year, month: month, day: dayOfMonth, hour: Int(second / 3600), minute: Int(second / 60 % 60), second: Int(second % 60))
        return Int64(calendar.date(from: components)!.timeIntervalSince1970)
    }
}
