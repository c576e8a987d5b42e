import ArchiveCore
import ArchiveSQLite
import Testing

/// The operators of the types and to-many columns V008 added, on the hand-made fixture
/// (`HandMadeArchive` lists its V008 rows): worked out by hand from the semantics in
/// Schema/SCHEMA.md ("To-many values") and the decisions page.
@Suite("Operator semantics: the columns of the reference's current page")
struct AddedTypeOperatorTests {
    // persons: Kari 1 → chats 2, 11; ørjan 2 → 3, 12; Åse 3 → 4, 5; John 4 → 6; Märta 5 → 8; Smith 6 → 10; none 1, 7, 9.
    static let cases: [OperatorCase] = [
        // E-mail: a positive operator matches any of the person's addresses; a negative one none; isNull no address.
        OperatorCase("person/email/emailAddress", "contains", [q("gmail")], [2, 11]),
        OperatorCase("person/email/emailAddress", "is", [q("ORJAN@nordlys.no")], [3, 12]),
        OperatorCase("person/email/emailAddress", "begins", [q("john")], [6]),
        OperatorCase("person/email/emailAddress", "oneOf", [q("smith@example.com"), q("kari.ostby@gmail.com")], [2, 10, 11]),
        OperatorCase("person/email/emailAddress", "notContains", [q("nordlys")], [1, 4, 5, 6, 7, 8, 9, 10]),
        OperatorCase("person/email/emailAddress", "isNull", [], [1, 4, 5, 7, 8, 9]),
        OperatorCase("person/email/emailAddress", "isNotNull", [], [2, 3, 6, 10, 11, 12]),
        // listInterest: any of the ids; notOneOf none of them; isNull no interest.
        OperatorCase("person/personInterestIds", "oneOf", [w("2")], [2, 4, 5, 11]),
        OperatorCase("person/personInterestIds", "eq", [w("1")], [2, 11]),
        OperatorCase("person/personInterestIds", "notOneOf", [w("1")], [1, 3, 4, 5, 6, 7, 8, 9, 10, 12]),
        OperatorCase("person/personInterestIds", "isNull", [], [1, 3, 6, 7, 8, 9, 10, 12]),
        // saintStatus (companies: Nordlys 2 → 2, 3, 9, 11, 12 signalled; Ærlig Bygg 3 → 1, 4, 5 not; none 6, 7, 8, 10).
        OperatorCase("contact/SaintStatus1", "set", [], [2, 3, 9, 11, 12]),
        OperatorCase("contact/SaintStatus1", "set", [w("false")], [1, 4, 5, 6, 7, 8, 10]),
        OperatorCase("contact/SaintStatus1", "equals", [w("true")], [2, 3, 9, 11, 12]),
        OperatorCase("contact/SaintStatus1", "isNull", [], [6, 7, 8, 10]),
        // ejUser: the agent's Service user (TJE 21 → 3, 5, 6, 8; SVE 22 → 1, 4, 11; ADM and BOT none; no agent 7, 9).
        OperatorCase("agent", "oneOf", [w("21")], [3, 5, 6, 8]),
        OperatorCase("agent", "eq", [w("22")], [1, 4, 11]),
        OperatorCase("agent", "notOneOf", [w("21")], [1, 2, 4, 7, 9, 10, 11, 12]),
        OperatorCase("agent", "isNull", [], [2, 7, 9, 10, 12]),
        // unlimitedDate: no range limit (Kari 1850-05-17, ørjan 2150-01-01).
        OperatorCase("person/personUdef/SuperOffice:5", "before", [q("1900-01-01")], [2, 11]),
        OperatorCase("person/personUdef/SuperOffice:5", "after", [q("2100-01-01")], [3, 12]),
        OperatorCase("person/personUdef/SuperOffice:5", "dateBetween", [q("1800-01-01"), q("1850-05-17")], [2, 11]),
        OperatorCase("person/personUdef/SuperOffice:5", "isNull", [], [1, 4, 5, 6, 7, 8, 9, 10]),
        // decimal (Kari 12.5, ørjan -3.25).
        OperatorCase("person/personUdef/SuperOffice:8", "greater", [w("0")], [2, 11]),
        OperatorCase("person/personUdef/SuperOffice:8", "less", [w("0")], [3, 12]),
        OperatorCase("person/personUdef/SuperOffice:8", "between", [w("-5"), w("20")], [2, 3, 11, 12]),
        OperatorCase("person/personUdef/SuperOffice:8", "eq", [w("12.5")], [2, 11]),
        // int user-defined field (Kari 7, John 0).
        OperatorCase("person/personUdef/SuperOffice:3", "ge", [w("0")], [2, 6, 11]),
        OperatorCase("person/personUdef/SuperOffice:3", "isNull", [], [1, 3, 4, 5, 7, 8, 9, 10, 12]),
        // timeSpan in seconds or h:mm:ss (Kari 5400, ørjan 600).
        OperatorCase("person/personExtra/x_person_timespan", "greater", [w("3600")], [2, 11]),
        OperatorCase("person/personExtra/x_person_timespan", "less", [q("0:30:00")], [3, 12]),
    ]

    @Test(arguments: cases)
    func operatorOfAnAddedColumn(_ operatorCase: OperatorCase) {
        operatorCase.run()
    }

    /// An e-mail column shows the first address by rank, and orders by it.
    @Test func theFirstAddressByRankIsShown() throws {
        let connection = try OperatorFixture.connection()
        let query = ArchiveQuery(
            select: ["chatSessionId", "person/email/emailAddress"], orderBy: [OrderItem("person/email/emailAddress"), OrderItem("chatSessionId")])
        let rows = try OperatorFixture.provider.page(query, context: OperatorFixture.context(), database: connection).rows
        let shown = rows.map { $0.cells[1].display }
        #expect(rows.map(\.primaryKey) == [1, 4, 5, 7, 8, 9, 6, 2, 11, 3, 12, 10])  // no address first, then by the second key
        #expect(shown == ["", "", "", "", "", "", "JOHN@example.com", "kari@nordlys.no", "kari@nordlys.no", "orjan@nordlys.no", "orjan@nordlys.no", "smith@example.com"])
    }
}
