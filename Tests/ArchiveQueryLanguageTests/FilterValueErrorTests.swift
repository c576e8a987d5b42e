import ArchiveCore
import ArchiveQueryLanguage
import Testing

/// Errors the provider finds in a parsed `$filter` point at the part that is wrong: the value
/// that is not valid, the operator that is unknown (with the closest spelling).
@Suite("$filter: errors point at the value or operator")
struct FilterValueErrorTests {
    func failure(_ filter: String) throws -> ArchiveError {
        let connection = try Fixture.connection()
        let request = try ArchiveRequest.parse([("$filter", filter)], catalog: ChatSessionCatalog.catalog)
        return try #require(throws: ArchiveError.self) {
            _ = try Fixture.provider.page(request.query, context: Fixture.context, database: connection)
        }
    }

    @Test(arguments: [
        ("whenRequested gt '2026-13-45'", 18),
        ("rating eq 1 or whenRequested dateBetween ('2026-01-01', '2026-02-30')", 57),
        ("rating between (1, x)", 20),
        ("rating oneOf (1, 2, 'three')", 21),
        ("status eq seven", 11),
        ("person/retired set maybe", 20),
        ("queueLength gt 1.5", 16),
        ("previous(whenRequested, lots, 'weeks')", 25),
    ])
    func aWrongValueIsReportedWhereItIsWritten(filter: String, position: Int) throws {
        let error = try failure(filter)
        #expect(error.kind == .invalidValue, "\(error)")
        #expect(error.position == position, "\(filter): \(error)")
        #expect(error.option == "$filter")
    }

    /// Digits too many for 64 bits are a whole number out of range, not "not a whole number".
    @Test func aWholeNumberTooLargeSaysTheRange() throws {
        let error = try failure("chatSessionId eq 99999999999999999999999")
        #expect(error.kind == .invalidValue)
        #expect(error.message.hasSuffix("expected a whole number from -9223372036854775808 to 9223372036854775807"), "\(error.message)")
        #expect(try failure("chatSessionId eq 12a").message.hasSuffix("expected a whole number"))
    }

    @Test func anOperatorErrorPointsAtTheOperator() throws {
        let notAllowed = try failure("rating gt 1 and rating begins '4'")
        #expect(notAllowed.kind == .operatorNotAllowed)
        #expect(notAllowed.position == 24)
        let count = try failure("rating between (1)")
        #expect(count.kind == .wrongValueCount)
        #expect(count.position == 8)
    }

    @Test func aMisspelledPeriodSuggestsTheClosestSpelling() throws {
        let error = try failure("whenRequested thisMonht")
        #expect(error.kind == .unknownOperator)
        #expect(error.position == 15)
        #expect(error.suggestions.first == "thisMonth")
        #expect(error.message.hasPrefix("'thisMonht' is not an operator (did you mean 'thisMonth'?)"))
        let other = try failure("person/lastName begns 'A'")
        #expect(other.suggestions.first == "begins")
        // Nothing close: no guess, just the list.
        let far = try failure("rating frobnicate 3")
        #expect(!far.message.contains("did you mean"))
    }
}
