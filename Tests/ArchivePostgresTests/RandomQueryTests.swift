import ArchiveCore
import ArchivePostgres
import ArchiveSQLite
import ArchiveTestSupport
import Foundation
import Testing

/// Random queries (restrictions of every family joined by `and`/`or`, orders by the chat's and
/// joined columns, page sizes, time zones) give the same pages and cursors on PostgreSQL as on
/// SQLite, through three pages.
@Suite("PostgreSQL answers random queries as SQLite", .needsPostgreSQL)
struct RandomQueryTests {
    static let atoms = [
        // Text, ASCII case folded, non-ASCII exact.
        "person/lastName begins 'b'", "person/lastName contains 'SEN'", "person/firstName ends 'a'", "contact/name notContains 'as'",
        "person/lastName eq 'Østby'", "person/lastName between('d','k')", "chatTopic/name oneOf('Support','sales')",
        "contact/department unequals 'Sales'", "person/title eq ''", "associate/fullName notBegins 'i'", "person/lastName isNull",
        // Numbers, durations, lists.
        "rating ge 3", "rating oneOf(1,5)", "queueLength lt 2", "timeInQueue gt '0:30'", "chatSessionId between(100,5000)",
        "status notOneOf(7)", "rating isNull", "rating isNotNull",
        // Dates and periods in the request's zone.
        "whenRequested lastMonth", "whenRequested thisYear", "whenEnded before '2026-06-01'", "date thisPeriod(week)",
        "whenRequested afterTime '2026-06-01T08:00:00'", "person/personRegisteredDate lt '2020-01-01'", "whenEnded isNull",
        // Flags, references, memberships.
        "associate/isActive eq true", "person/retired eq false", "associateId currentAssociate", "associate/otherGroups oneOf(1,2)",
        "associate/fullName isNull",
        // V008: to-many values, lookups, user-defined and extra fields, the new types.
        "person/email/emailAddress contains 'gmail'", "person/email/emailAddress notContains 'a'", "person/email/emailAddress isNull",
        "person/personMobilePhone/formattedNumber begins '+47'", "person/searchPhone/formattedNumber contains '9'",
        "person/personInterestIds oneOf(1,2)", "contact/SaintStatus1 set", "contact/postAddress/city oneOf('Oslo','Berlin')",
        "person/personUdef/SuperOffice:3 gt 500", "person/personUdef/SuperOffice:5 before '1950-01-01'", "contact/contactUdef/SuperOffice:8 between(10,5000)",
        "person/personExtra/x_person_timespan ge '2:00:00'", "agent isNotNull", "person/legalBaseStore oneOf(1,2)",
        "contact/contactAssociate/usergroup oneOf(1,2)", "person/personAddress/zip begins '0'",
    ]
    static let orders = [
        "", "whenRequested desc", "person/lastName", "rating desc,chatSessionId", "associate/fullName desc", "contact/name,whenRequested",
        "type", "timeInQueue", "person/firstName desc", "chatTopic/name", "whenEnded", "associate/isActive desc,person/lastName",
        "person/email/emailAddress", "contact/postAddress/city desc", "person/personUdef/SuperOffice:8,chatSessionId", "person/legalBaseStore",
    ]
    static let select = "chatSessionId,person/lastName,rating,whenEnded,associate/fullName,contact/name,chatTopic/name"

    static func filter(_ generator: inout SplitMix64, depth: Int = 0) -> String {
        (0..<generator.int(1...3)).map { _ in
            depth < 2 && generator.chance(25) ? "(" + filter(&generator, depth: depth + 1) + ")" : generator.pick(atoms)
        }.joined(separator: generator.chance(60) ? " and " : " or ")
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6] as [UInt64])
    func randomQueries(seed: UInt64) async throws {
        let archive = try await LoadedArchive.shared()
        let provider = LoadedArchive.provider
        let connection = try Connection(path: archive.sqlitePath, mode: .readOnly)
        defer { connection.close() }
        var generator = SplitMix64(state: seed)
        var withRows = 0
        for _ in 0..<20 {
            let order = generator.pick(Self.orders)
            var options = "$select=\(Self.select)&$top=\(generator.pick([1, 7, 25]))&$filter=\(Self.filter(&generator))"
            if !order.isEmpty { options += "&$orderBy=\(order)" }
            let zone = generator.pick(["UTC", "Europe/Oslo", "America/New_York"])
            let (first, context) = try LoadedArchive.request(StandardQuery(name: options, options: options, timeZone: zone))
            var query = first
            for page in 1...3 {
                let expected = try provider.page(query, context: context, database: connection)
                let found = try await archive.pool.withSession { [query] session in try provider.page(query, context: context, database: session) }
                #expect(found.totalCount == expected.totalCount)
                #expect(SameAnswersTests.lines(found) == SameAnswersTests.lines(expected), "\(options) in \(zone), page \(page)")
                #expect(found.nextCursor == expected.nextCursor, "\(options) in \(zone), page \(page)")
                if page == 1, !expected.rows.isEmpty { withRows += 1 }
                guard let cursor = expected.nextCursor else { break }
                query.page.cursor = cursor
            }
        }
        // Most random restrictions keep some of the 20,000 chats: the comparison is not of empty pages.
        #expect(withRows >= 8, "only \(withRows) of 20 random queries had rows")
    }
}
