import ArchiveCore
import ArchiveSQLite
import ArchiveTestSupport
import Foundation
import Testing

/// A 50-row page ordered by an indexed column is read in index order: SQLite's plan has no
/// temporary B-tree for the sort, with or without a restriction on another column.
@Suite("Ordered pages walk an index")
struct QueryPlanTests {
    /// Orderable columns without an index of their own (Schema/SCHEMA.md): ordering by them sorts.
    static let unindexed: Set<String> = Set([
        "firstMessage", "lastMessage", "text", "timeInQueue", "queueLength", "updatedDate",
        "person/middleName", "person/mrMrs", "person/personNumber", "person/title", "person/kanaFirstName",
        "person/kanaLastName", "person/hasInfoText", "person/hasInterests", "person/personHasInterests",
        "person/personNoMail", "person/rank", "person/useAsMailingAddress", "person/retired", "person/birthYear",
        "person/birthMonth", "person/birthDay", "person/personActiveErpLinks", "person/hasCompany",
        "person/isProjectMember", "person/isStakeholder",
    ]).union(addedByV008)

    /// The orderable columns of V008's tables (SCHEMA.md, "Orders"): they sort.
    static let addedByV008: Set<String> = {
        let families = [
            "person/personAssociate/", "person/correspondingAssociate/", "contact/contactAssociate/", "person/personAddress/",
            "person/restrictionAddress/", "contact/postAddress/", "contact/streetAddress/", "contact/restrictionAddress/", "person/email/",
            "contact/email/", "person/personDirectPhone/", "person/personMobilePhone/", "person/personPrivate/", "person/personPager/",
            "person/personDirectFax/", "contact/contactPhone/", "contact/contactFax/", "person/searchPhone/", "contact/searchPhone/",
            "person/personUrl/", "contact/url/", "person/personUdef/", "contact/contactUdef/", "person/personExtra/", "contact/contactExtra/",
            "person/personInfo/",
        ]
        let single = [
            "agent", "associate/locationAddress", "associate/isLocation", "person/isMailingRecipient", "person/legalBaseStore",
            "person/legalBaseEmarketing", "person/consentSourceStore", "person/consentSourceEmarketing", "person/subscription",
            "person/createdByForm", "person/updatedByWorkflow", "person/whenUpdatedByWorkflow",
        ]
        let columns = ChatSessionCatalog.catalog.columns.filter { column in
            column.canOrderBy && (single.contains(column.name) || families.contains { column.name.hasPrefix($0) })
        }
        return Set(columns.map(\.name))
    }()

    static let indexed = ChatSessionCatalog.catalog.columns.filter { $0.canOrderBy && !unindexed.contains($0.name) }.map(\.name)

    static let filters: [(String, Restriction?)] = [
        ("no filter", nil),
        ("a filter on the topic", .condition(Condition("chatTopic/chatTopicId", "oneOf", [.word("1"), .word("2")]))),
        ("a filter on the request date", .condition(Condition("whenRequested", "after", [.string("2025-06-01")]))),
    ]

    static let path: String = try! SeededDatabase.path(chats: 20_000, seed: 5)

    @Test(arguments: indexed)
    func anIndexedColumnPagesWithoutSorting(column: String) throws {
        let provider = ArchiveProvider()
        let connection = try Connection(path: Self.path, mode: .readOnly)
        for direction in [SortDirection.ascending, .descending] {
            for (name, restriction) in Self.filters {
                let query = ArchiveQuery(
                    select: ["chatSessionId", "person/lastName", "associate/fullName", "chatTopic/name", "contact/name"],
                    restriction: restriction, orderBy: [OrderItem(column, direction)], page: Page(top: 50))
                let explanation = try provider.explain(query, context: QueryContext(), database: connection)
                let plan = explanation.statements[0].plan
                #expect(!explanation.statements[0].usesTemporaryBTreeForOrdering, "\(column) \(direction.rawValue), \(name):\n\(plan.joined(separator: "\n"))")
                // Every loop reads an index, or a table in rowid order (its primary-key B-tree).
                for step in plan.map({ $0.trimmingCharacters(in: .whitespaces) }) where step.hasPrefix("SCAN ") || step.hasPrefix("SEARCH ") {
                    let isSubquery = step.hasPrefix("SCAN (subquery")
                    let isRowidScan = step.hasPrefix("SCAN ") && !step.contains(" USING ")
                    #expect(isSubquery || isRowidScan || step.contains("INDEX") || step.contains("INTEGER PRIMARY KEY"),
                            "\(column) \(direction.rawValue), \(name): \(step)")
                    #expect(!step.contains("AUTOMATIC"), "\(column) \(direction.rawValue), \(name): \(step)")
                }
            }
        }
    }

    @Test(arguments: indexed)
    func aCursorPageSeeksIntoTheIndex(column: String) throws {
        let provider = ArchiveProvider()
        let connection = try Connection(path: Self.path, mode: .readOnly)
        for direction in [SortDirection.ascending, .descending] {
            var query = ArchiveQuery(select: ["chatSessionId", "person/lastName"], orderBy: [OrderItem(column, direction)], page: Page(top: 50))
            guard let cursor = try provider.page(query, context: QueryContext(), database: connection).nextCursor else {
                Issue.record("\(column) \(direction.rawValue): no second page")
                continue
            }
            query.page = Page(top: 50, cursor: cursor)
            let statement = try provider.explain(query, context: QueryContext(), database: connection).statements[0]
            let steps = statement.plan.map { $0.trimmingCharacters(in: .whitespaces) }.filter { $0.hasPrefix("SCAN ") || $0.hasPrefix("SEARCH ") }
            #expect(!statement.usesTemporaryBTreeForOrdering, "\(column) \(direction.rawValue):\n\(statement.plan.joined(separator: "\n"))")
            // The page starts where the cursor points: the first loop is a range search, not a scan.
            #expect(steps.first?.hasPrefix("SEARCH ") == true, "\(column) \(direction.rawValue):\n\(statement.plan.joined(separator: "\n"))")
        }
    }

    @Test func theListOfUnindexedColumnsIsExact() {
        // Every name in the list is a real orderable column.
        for name in Self.unindexed {
            #expect(ChatSessionCatalog.catalog.column(named: name)?.canOrderBy == true, "\(name)")
        }
    }
}
