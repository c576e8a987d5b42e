import ArchiveCore
import ArchiveSchema
import ArchiveSQLite
import ArchiveTestSupport
import Foundation
import Testing

/// Every column of the catalog can be selected, restricted where its type allows, and ordered
/// where it is marked orderable.
@Suite("Every column of the ChatSession provider")
struct ColumnCoverageTests {
    static let path: String = try! SeededDatabase.path(chats: 2_500, seed: 11)
    static let columns = ChatSessionCatalog.catalog.columns
    static let orderable = columns.filter(\.canOrderBy).map(\.name)

    @Test func everyColumnOfTheSeedPageIsInTheCatalog() throws {
        // The reference's provider page (a copy in Fixtures/): its "Supported Columns" table.
        let page = try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/ChatSessionProviderPage.md"), encoding: .utf8)
        let table = page.components(separatedBy: "## Supported Columns")[1].components(separatedBy: "## Sample")[0]
        let names = table.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("|"), !line.hasPrefix("| Name"), !line.hasPrefix("| ----") else { return nil }
            return line.split(separator: "|").first.map { String($0).trimmingCharacters(in: .whitespaces) }
        }
        #expect(names.count == 117)
        for name in names {
            #expect(ChatSessionCatalog.catalog.column(named: name)?.name == name, "\(name) is missing")
        }
        for newer in ["duration", "timeInQueue", "queueLength", "rating", "status"] {
            #expect(ChatSessionCatalog.catalog.column(named: newer) != nil)
        }
    }

    @Test func everyColumnCanBeSelectedAtOnce() throws {
        let connection = try Connection(path: Self.path, mode: .readOnly)
        let query = ArchiveQuery(select: Self.columns.map { .column($0.name) }, page: Page(top: 300))
        let page = try ArchiveProvider().page(query, context: QueryContext(language: .norwegian), database: connection)
        #expect(page.rows.count == 300)
        #expect(page.columns.map(\.key) == Self.columns.map(\.name))
        // Each visible column shows a value on some row (the seeded data has every state).
        for (index, column) in Self.columns.enumerated() where column.isVisible {
            let shown = page.rows.contains { !$0.cells[index].display.isEmpty }
            // A chat's customer is never a user of the archive, so the user a person is
            // (`correspondingAssociate`) is empty in every chat; agents are not places.
            let emptyByDesign = column.name.hasPrefix("person/correspondingAssociate/") || column.name == "associate/locationAddress"
            #expect(shown || emptyByDesign || ["person/kanaFirstName", "person/kanaLastName", "person/personDeletedDate", "person/associateType",
                              "contact/deletedDate", "associate/portraitThumbnail", "person/portraitThumbnail"].contains(column.name),
                    "\(column.name) is empty on every row")
        }
        // List names come in the requested language.
        let type = page.columns.firstIndex { $0.key == "type" }!
        #expect(page.rows.contains { $0.cells[type].display == "Ferdig" })
    }

    @Test(arguments: orderable)
    func everyOrderableColumnOrdersBothWaysAndPagesByCursor(column: String) throws {
        let connection = try Connection(path: Self.path, mode: .readOnly)
        let provider = ArchiveProvider()
        let context = QueryContext(now: SeededDatabase.now, language: .english)
        for direction in [SortDirection.ascending, .descending] {
            let query = ArchiveQuery(select: [.column(column)], orderBy: [OrderItem(column, direction)], page: Page(top: 400, skip: 100))
            let page = try provider.page(query, context: context, database: connection)
            #expect(page.rows.count == 400)
            // The sort values never go backwards (NULLs first ascending, last descending).
            let values = page.rows.map { $0.cells[0] }
            for (previous, next) in zip(values, values.dropFirst()) {
                let order = Self.compare(previous, next)
                #expect(direction == .ascending ? order <= 0 : order >= 0, "\(column) \(direction): \(previous) then \(next)")
            }
            // Pages reached by cursor are the pages reached by offset.
            var cursorQuery = ArchiveQuery(select: [.column(column)], orderBy: [OrderItem(column, direction)], page: Page(top: 100))
            var byCursor: [Int64] = []
            for _ in 0..<5 {
                let cursorPage = try provider.page(cursorQuery, context: context, database: connection)
                byCursor += cursorPage.rows.map(\.primaryKey)
                cursorQuery.page = Page(top: 100, cursor: cursorPage.nextCursor)
            }
            let byOffset = try provider.page(
                ArchiveQuery(select: [.column(column)], orderBy: [OrderItem(column, direction)], page: Page(top: 500)),
                context: context, database: connection).rows.map(\.primaryKey)
            #expect(byCursor == byOffset, "\(column) \(direction)")
            #expect(Array(byOffset[100..<500]) == page.rows.map(\.primaryKey), "\(column) \(direction)")
        }
    }

    /// A list item's name, read by a subquery, sorts without ASCII case as every text does
    /// (SQLite gives a subquery's value no collation: `VIP customer` sorted before `Vendor`).
    @Test func listNamesReadBySubquerySortWithoutCase() throws {
        let connection = try Connection(path: try SeededDatabase.path(chats: 3_000, seed: 1), mode: .readOnly)
        let column = "person/personExtra/x_person_category_relation"
        let query = ArchiveQuery(
            select: [.column(column)], restriction: .condition(Condition(column, "isNotNull", [])),
            orderBy: [OrderItem(column, .descending)], page: Page(top: 5_000))
        let page = try ArchiveProvider().page(query, context: QueryContext(now: SeededDatabase.now, language: .english), database: connection)
        var names: [String] = []
        for row in page.rows where names.last != row.cells[0].display { names.append(row.cells[0].display) }
        // The data must tell the two orders apart for the test to mean anything.
        try #require(names.sorted(by: >) != names.sorted { $0.asciiFolded.lexicographicallyPrecedes($1.asciiFolded) }.reversed(), "\(names)")
        #expect(names == names.sorted { $1.asciiFolded.lexicographicallyPrecedes($0.asciiFolded) }, "\(names)")
    }

    /// The order of two cells by the documented rules: empty first; text by its display string
    /// without ASCII case; numbers, booleans and dates by their raw value.
    static func compare(_ a: ArchiveCell, _ b: ArchiveCell) -> Int {
        func isEmpty(_ cell: ArchiveCell) -> Bool { cell.raw == .null || (cell.display.isEmpty && cell.raw == .bool(false)) && false }
        switch (a.raw, b.raw) {
        case (.null, .null): return 0
        case (.null, _): return -1
        case (_, .null): return 1
        case (.integer(let x), .integer(let y)) where a.display == String(x) || a.display.contains(":") || a.display.isEmpty:
            return x == y ? 0 : (x < y ? -1 : 1)
        case (.bool(let x), .bool(let y)): return x == y ? 0 : (!x ? -1 : 1)
        case (.decimal(let x), .decimal(let y)): return x == y ? 0 : (x < y ? -1 : 1)
        case (.date(let x), .date(let y)): return x == y ? 0 : (x < y ? -1 : 1)
        case (.dateTime(let x, _), .dateTime(let y, _)): return x == y ? 0 : (x < y ? -1 : 1)
        default:
            // References and text: by the text shown, as SQLite's NOCASE compares it.
            let x = a.display.asciiFolded, y = b.display.asciiFolded
            return x == y ? 0 : (x.lexicographicallyPrecedes(y) ? -1 : 1)
        }
    }
}

extension String {
    fileprivate var asciiFolded: [UInt8] { utf8.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 } }
}
