import ArchiveCore
import ArchiveSQLite
import ArchiveTestSupport
import Foundation
import Testing

/// A column that stores days (`YYYY-MM-DD`) is restricted by days: on SQLite a datetime bound
/// compared as text put a day before its own midnight, so `equals` found nothing and a range
/// took the day after its end.
@Suite("Columns of days")
struct DateColumnTests {
    @Test(arguments: ["contact/LastActivity", "person/personExtra/x_person_date"])
    func aDayIsFoundByEqualsAndARangeEndsOnItsLastDay(column: String) throws {
        let connection = try Connection(path: try SeededDatabase.path(chats: 3_000, seed: 1), mode: .readOnly)
        let provider = ArchiveProvider()
        let context = QueryContext(now: SeededDatabase.now, language: .english)
        func days(_ restriction: Restriction) throws -> [Int64] {
            let query = ArchiveQuery(select: [.column(column)], restriction: restriction, page: Page(top: 5_000))
            return try provider.page(query, context: context, database: connection).rows.compactMap { row in
                if case .date(let day) = row.cells[0].raw { day } else { nil }
            }
        }
        let stored = try days(.condition(Condition(column, "isNotNull", [])))
        let day = try #require(stored.first)
        let text = StoredDateTime.formatDate(day * 86_400)
        let equal = try days(.condition(Condition(column, "equals", [.string(text)])))
        #expect(!equal.isEmpty && equal.allSatisfy { $0 == day } && equal.count == stored.filter { $0 == day }.count, "\(column) equals \(text)")
        let previous = StoredDateTime.formatDate((day - 1) * 86_400)
        let range = try days(.condition(Condition(column, "dateBetween", [.string(previous), .string(text)])))
        #expect(range.count == stored.filter { $0 == day || $0 == day - 1 }.count && range.allSatisfy { $0 == day || $0 == day - 1 }, "\(column) dateBetween")
    }
}
