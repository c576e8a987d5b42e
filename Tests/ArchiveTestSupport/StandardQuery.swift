import ArchiveCore
/// The standard queries of the tests: `archive bench`'s pages, cursor pages, restrictions of
/// every kind and aggregates, as a client writes their options. `PlannedSQLTests` pins the SQL
/// they become; the PostgreSQL tests check that both engines answer them alike.
public struct StandardQuery: Sendable, CustomStringConvertible {
    public let name: String
    /// The request's options, `&`-separated, unencoded.
    public let options: String
    public var timeZone = "UTC"
    /// Ask for the first page, then the page after it (its keyset cursor).
    public var nextPage = false
    public var description: String { name }

    public init(name: String, options: String, timeZone: String = "UTC", nextPage: Bool = false) {
        self.name = name
        self.options = options
        self.timeZone = timeZone
        self.nextPage = nextPage
    }

    /// The options as (name, value) pairs.
    public var pairs: [(String, String)] {
        options.split(separator: "&").map { part in
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (String(pieces[0]), String(pieces[1]))
        }
    }

    static let fourPaths = "chatSessionId,whenRequested,person/lastName,associate/fullName,chatTopic/name,contact/name"

    public static let all: [StandardQuery] = [
        // `archive bench`'s standard pages.
        StandardQuery(name: "page by whenRequested desc", options: "$select=\(fourPaths)&$orderBy=whenRequested desc&$top=50"),
        StandardQuery(name: "page by whenRequested desc, status in (7,9)", options: "$select=\(fourPaths)&$filter=status oneOf(7,9)&$orderBy=whenRequested desc&$top=50"),
        StandardQuery(name: "page by whenRequested, lastMonth", options: "$select=\(fourPaths)&$filter=whenRequested lastMonth&$orderBy=whenRequested&$top=50"),
        StandardQuery(name: "page by person/lastName", options: "$select=\(fourPaths)&$orderBy=person/lastName&$top=50"),
        StandardQuery(name: "page by person/lastName desc, status in (7,9)", options: "$select=\(fourPaths)&$filter=status oneOf(7,9)&$orderBy=person/lastName desc&$top=50"),
        StandardQuery(name: "page by associate/fullName", options: "$select=\(fourPaths)&$orderBy=associate/fullName&$top=50"),
        StandardQuery(name: "page by chatTopic/name desc", options: "$select=\(fourPaths)&$orderBy=chatTopic/name desc&$top=50"),
        StandardQuery(name: "page by contact/name", options: "$select=\(fourPaths)&$orderBy=contact/name&$top=50"),
        StandardQuery(name: "page by type (status name)", options: "$select=\(fourPaths)&$orderBy=type&$top=50"),
        StandardQuery(name: "page by whenRequested desc, lastName begins Ber", options: "$select=\(fourPaths)&$filter=person/lastName begins 'Ber'&$orderBy=whenRequested desc&$top=50"),
        StandardQuery(name: "page by whenRequested desc, in Europe/Oslo", options: "$select=\(fourPaths)&$orderBy=whenRequested desc&$top=50", timeZone: "Europe/Oslo"),
        // Cursor pages: a range seek on the first key, within a segment.
        StandardQuery(name: "next page by whenRequested desc", options: "$select=\(fourPaths)&$orderBy=whenRequested desc&$top=50", nextPage: true),
        StandardQuery(name: "next page by person/lastName", options: "$select=\(fourPaths)&$orderBy=person/lastName&$top=50", nextPage: true),
        StandardQuery(name: "next page by contact/name desc", options: "$select=\(fourPaths)&$orderBy=contact/name desc&$top=50", nextPage: true),
        StandardQuery(name: "next page by associate/contactName", options: "$select=\(fourPaths)&$orderBy=associate/contactName&$top=20", nextPage: true),
        StandardQuery(name: "next page by two keys", options: "$select=\(fourPaths)&$orderBy=person/lastName,whenRequested desc&$top=50", nextPage: true),
        StandardQuery(name: "next page by a boolean, then a date", options: "$select=chatSessionId,associate/isActive&$orderBy=associate/isActive desc,whenRequested&$top=50", nextPage: true),
        StandardQuery(name: "next page by date in Europe/Oslo", options: "$select=chatSessionId,date&$orderBy=date desc&$top=50", timeZone: "Europe/Oslo", nextPage: true),
        StandardQuery(name: "skip and count", options: "$select=chatSessionId,person/fullName&$filter=rating ge 3&$orderBy=person/fullName&$top=10&$skip=20&$inlinecount=allpages"),
        // Restrictions of every kind.
        StandardQuery(name: "text equals, ASCII", options: "$select=chatSessionId&$filter=person/lastName eq 'berg'&$top=10"),
        StandardQuery(name: "text equals, not ASCII", options: "$select=chatSessionId&$filter=person/lastName eq 'Østby'&$top=10"),
        StandardQuery(name: "text begins, contains, ends", options: "$select=chatSessionId&$filter=person/firstName begins 'an' and contact/name contains 'AS' or associate/fullName ends 'sen'&$top=10"),
        StandardQuery(name: "text negated and empty", options: "$select=chatSessionId&$filter=person/lastName notBegins 'B' and person/title eq '' and contact/department unequals 'Sales'&$top=10"),
        StandardQuery(name: "text between and oneOf", options: "$select=chatSessionId&$filter=person/lastName between('a','c') and person/firstName oneOf('Anna','Åse','Per') and chatTopic/name notOneOf('Sales')&$top=10"),
        StandardQuery(name: "numbers", options: "$select=chatSessionId&$filter=chatSessionId between(10,2000) and rating oneOf(4,5) and queueLength unequals 3 and timeInQueue gt '0:30'&$top=10"),
        StandardQuery(name: "booleans", options: "$select=chatSessionId&$filter=associate/isActive eq true and person/retired eq false&$top=10"),
        StandardQuery(name: "dates", options: "$select=chatSessionId&$filter=whenRequested afterTime '2026-06-01T08:00:00' and whenEnded before '2026-11-01' and date thisPeriod(week) and person/personRegisteredDate lt '2020-01-01'&$top=10", timeZone: "Europe/Oslo"),
        StandardQuery(name: "references and memberships", options: "$select=chatSessionId,associate/otherGroups&$filter=associateId currentAssociate or associate/otherGroups oneOf(1,2) or person/fullName isPK(5)&$top=10"),
        // Aggregates.
        StandardQuery(name: "grand total", options: "$select=Count(chatSessionId):HideDetail&$options=GrandTotal=true"),
        StandardQuery(name: "groups with header and footer", options: "$select=GroupBy(type):Header,Footer,Count(chatSessionId),Avg(rating):OnlyPositive,chatSessionId&$orderBy=type desc&$top=20"),
        StandardQuery(name: "groups ordered by their count", options: "$select=GroupBy(chatTopic/name):HideDetail,Count(chatSessionId)&$orderBy=Count(chatSessionId) desc&$top=10"),
        StandardQuery(name: "date parts in Europe/Oslo", options: "$select=GroupBy(DatePart(whenRequested):YearMonth):HideDetail,Sum(rating),Max(associateId)&$top=10", timeZone: "Europe/Oslo"),
    ]
}
