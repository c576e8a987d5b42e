import ArchiveCore
import ArchiveSchema
import ArchiveSQLite
import ArchiveTestSupport
import Foundation
import Testing

@Suite("Operator semantics: pseudo columns and combinations")
struct CombinedRestrictionTests {
    struct TreeCase: Sendable, CustomTestStringConvertible {
        let name: String
        let restriction: Restriction
        let expected: [Int64]
        var orderBy: [OrderItem] = [OrderItem("chatSessionId")]
        var knownIssue: String? = nil
        var testDescription: String { name }

        func run() {
            let body = { try OperatorFixture.check(restriction, expected, orderBy: orderBy) }
            if let knownIssue {
                withKnownIssue(Comment(rawValue: knownIssue)) { try body() }
            } else {
                do { try body() } catch { Issue.record(error, "\(name)") }
            }
        }
    }

    static func c(_ column: String, _ op: String, _ values: [RestrictionValue] = []) -> Restriction {
        .condition(Condition(column, op, values))
    }

    static let pseudoCases: [OperatorCase] = [
        OperatorCase("getAllRows", "eq", [w("true")], all),
        OperatorCase("getAllRows", "=", [w("true")], all),
        OperatorCase("getAllRows", "set", [], all),
        OperatorCase("getAllRows", "set", [w("1")], all),
        OperatorCase("getNoRows", "eq", [w("true")], []),
        OperatorCase("getNoRows", "=", [w("1")], []),
        OperatorCase("getNoRows", "set", [], []),
    ]

    @Test(arguments: CombinedRestrictionTests.pseudoCases) func pseudoColumn(_ c: OperatorCase) { c.run() }

    static let treeCases: [TreeCase] = [
        TreeCase(name: "getNoRows AND rating > 0", restriction: .and([c("getNoRows", "eq", [w("true")]), c("rating", "gt", [w("0")])]), expected: []),
        TreeCase(name: "getAllRows AND rating = 5", restriction: .and([c("getAllRows", "eq", [w("true")]), c("rating", "eq", [w("5")])]), expected: [2, 11]),
        TreeCase(name: "getNoRows OR rating = 5", restriction: .or([c("getNoRows", "eq", [w("true")]), c("rating", "eq", [w("5")])]), expected: [2, 11]),
        TreeCase(
            name: "rating = 5 OR lastName begins L",
            restriction: .or([c("rating", "eq", [w("5")]), c("person/lastName", "begins", [q("L")])]), expected: [2, 4, 5, 11]),
        TreeCase(
            name: "lastName = Berg OR company name isNull",
            restriction: .or([c("person/lastName", "eq", [q("Berg")]), c("contact/name", "isNull")]), expected: [3, 6, 7, 8, 10, 12]),
        TreeCase(
            name: "not retired AND status 3",
            restriction: .and([c("person/retired", "set", [w("false")]), c("status", "eq", [w("3")])]), expected: [1, 2, 4, 5, 6, 11]),
        TreeCase(
            name: "other group Sales AND rating >= 3",
            restriction: .and([c("associate/otherGroups", "oneOf", [w("1")]), c("rating", "ge", [w("3")])]), expected: [3, 5]),
        TreeCase(
            name: "(topic Økonomi AND this week) OR first name märta",
            restriction: .or([
                .and([c("chatTopic/name", "is", [q("Økonomi")]), c("whenRequested", "thisWeek")]),
                c("person/firstName", "is", [q("märta")]),
            ]),
            expected: [7, 8]),
        TreeCase(
            name: "lastName notOneOf (østby, lindqvist) AND firstMessage notContains o",
            restriction: .and([c("person/lastName", "notOneOf", [q("østby"), q("lindqvist")]), c("firstMessage", "notContains", [q("o")])]),
            // notOneOf → 1,3,6,7,8,9,10,12; first messages without 'o': 1 'Åpningstider?', 9 NULL
            expected: [1, 9]),
    ]

    @Test(arguments: CombinedRestrictionTests.treeCases) func combination(_ c: TreeCase) { c.run() }

    // The same restrictions ordered by a column of a related row: the set of rows must not change
    // (the empty-value rules hold whatever the order).
    static let orderedCases: [TreeCase] = [
        TreeCase(name: "lastName isNull by lastName", restriction: c("person/lastName", "isNull"), expected: [1, 7, 9], orderBy: [OrderItem("person/lastName")]),
        TreeCase(name: "lastName is '' by lastName", restriction: c("person/lastName", "is", [q("")]), expected: [1, 7, 9], orderBy: [OrderItem("person/lastName")]),
        TreeCase(
            name: "lastName ne Berg by lastName", restriction: c("person/lastName", "ne", [q("Berg")]),
            expected: [1, 2, 4, 5, 6, 7, 8, 9, 10, 11], orderBy: [OrderItem("person/lastName")]),
        TreeCase(
            name: "lastName ne Berg by lastName desc", restriction: c("person/lastName", "ne", [q("Berg")]),
            expected: [1, 2, 4, 5, 6, 7, 8, 9, 10, 11], orderBy: [OrderItem("person/lastName", .descending)]),
        TreeCase(
            name: "lastName begins b by lastName desc", restriction: c("person/lastName", "begins", [q("b")]),
            expected: [3, 12], orderBy: [OrderItem("person/lastName", .descending)]),
        TreeCase(
            name: "firstName oneOf ('', Kari) by firstName", restriction: c("person/firstName", "oneOf", [q(""), q("Kari")]),
            expected: [2, 11], orderBy: [OrderItem("person/firstName")]),
        TreeCase(
            name: "firstName is '' by firstName", restriction: c("person/firstName", "is", [q("")]),
            expected: [1, 7, 9, 10], orderBy: [OrderItem("person/firstName")]),
        TreeCase(
            name: "not retired by lastName", restriction: c("person/retired", "set", [w("false")]),
            expected: [1, 2, 4, 5, 6, 7, 9, 10, 11], orderBy: [OrderItem("person/lastName")]),
        TreeCase(
            name: "company notBegins nord by company name", restriction: c("contact/name", "notBegins", [q("nord")]),
            expected: [1, 4, 5, 6, 7, 8, 10], orderBy: [OrderItem("contact/name")]),
        TreeCase(
            name: "otherGroups notOneOf (1, 2) by agent name", restriction: c("associate/otherGroups", "notOneOf", [w("1"), w("2")]),
            expected: [2, 7, 9, 10, 12], orderBy: [OrderItem("associate/fullName")]),
        TreeCase(
            name: "country ne Norway by lastName", restriction: c("person/personCountry", "ne", [w("1")]),
            expected: [1, 4, 5, 6, 7, 8, 9, 10], orderBy: [OrderItem("person/lastName")]),
        TreeCase(name: "rating isNull by rating", restriction: c("rating", "isNull"), expected: [7, 8, 9, 12], orderBy: [OrderItem("rating")]),
        TreeCase(
            name: "company category isNull by category", restriction: c("contact/category", "isNull"),
            expected: [1, 4, 5, 6, 7, 8, 10], orderBy: [OrderItem("contact/category")]),
        TreeCase(
            name: "company category eq 1 by category desc", restriction: c("contact/category", "eq", [w("1")]),
            expected: [2, 3, 9, 11, 12], orderBy: [OrderItem("contact/category", .descending)]),
        TreeCase(
            name: "company category ne 1 by company name", restriction: c("contact/category", "ne", [w("1")]),
            expected: [1, 4, 5, 6, 7, 8, 10], orderBy: [OrderItem("contact/name")]),
        TreeCase(
            name: "firstName john AND company isNull by company name",
            restriction: .and([c("person/firstName", "is", [q("john")]), c("contact/name", "isNull")]),
            expected: [6], orderBy: [OrderItem("contact/name")]),
        TreeCase(
            name: "user group ne 2 by user group", restriction: c("associate/usergroup", "ne", [w("2")]),
            expected: [1, 2, 4, 7, 9, 10, 11, 12], orderBy: [OrderItem("associate/usergroup")]),
        TreeCase(
            name: "country isNull by country", restriction: c("person/personCountry", "isNull"),
            expected: [1, 6, 7, 9, 10], orderBy: [OrderItem("person/personCountry")]),
        TreeCase(name: "whenStarted isNull by whenStarted", restriction: c("whenStarted", "isNull"), expected: [7, 9, 12], orderBy: [OrderItem("whenStarted")]),
        TreeCase(
            name: "retired OR company stop by lastName",
            restriction: .or([c("person/retired", "set"), c("contact/stop", "set")]),
            expected: [1, 3, 4, 5, 8, 12], orderBy: [OrderItem("person/lastName")]),
        TreeCase(
            name: "company category ne 1 by category desc", restriction: c("contact/category", "ne", [w("1")]),
            expected: [1, 4, 5, 6, 7, 8, 10], orderBy: [OrderItem("contact/category", .descending)]),
        TreeCase(
            name: "country isNull by country desc", restriction: c("person/personCountry", "isNull"),
            expected: [1, 6, 7, 9, 10], orderBy: [OrderItem("person/personCountry", .descending)]),
        TreeCase(
            name: "whenStarted isNull by whenStarted desc", restriction: c("whenStarted", "isNull"),
            expected: [7, 9, 12], orderBy: [OrderItem("whenStarted", .descending)]),
        TreeCase(
            name: "otherGroups notOneOf (1, 2) by agent name desc", restriction: c("associate/otherGroups", "notOneOf", [w("1"), w("2")]),
            expected: [2, 7, 9, 10, 12], orderBy: [OrderItem("associate/fullName", .descending)]),
        TreeCase(
            name: "retired OR company stop by lastName desc",
            restriction: .or([c("person/retired", "set"), c("contact/stop", "set")]),
            expected: [1, 3, 4, 5, 8, 12], orderBy: [OrderItem("person/lastName", .descending)]),
        TreeCase(
            name: "lastName = Berg OR company Ærlig Bygg by lastName",
            restriction: .or([c("person/lastName", "eq", [q("Berg")]), c("contact/name", "is", [q("ærlig bygg")])]),
            expected: [1, 3, 4, 5, 12], orderBy: [OrderItem("person/lastName")]),
        TreeCase(
            name: "lastName ne Berg AND company begins n by lastName",
            restriction: .and([c("person/lastName", "ne", [q("Berg")]), c("contact/name", "begins", [q("n")])]),
            expected: [2, 9, 11], orderBy: [OrderItem("person/lastName")]),
        TreeCase(
            name: "fullName notContains a by fullName", restriction: c("person/fullName", "notContains", [q("a")]),
            expected: [1, 4, 5, 6, 7, 9, 10], orderBy: [OrderItem("person/fullName")]),
        TreeCase(
            name: "fullName isPK 1 by fullName desc", restriction: c("person/fullName", "isPK", [w("1")]),
            expected: [2, 11], orderBy: [OrderItem("person/fullName", .descending)]),
        TreeCase(
            name: "lastName = Berg OR company isNull by lastName",
            restriction: .or([c("person/lastName", "eq", [q("Berg")]), c("contact/name", "isNull")]),
            expected: [3, 6, 7, 8, 10, 12], orderBy: [OrderItem("person/lastName")]),
    ]

    @Test(arguments: CombinedRestrictionTests.orderedCases) func orderedByARelatedColumn(_ c: TreeCase) { c.run() }
}
