import ArchiveCore
import ArchiveSchema
import ArchiveSQLite
import ArchiveTestSupport
import Foundation
import Testing

@Suite("Operator semantics: lists, user groups and associates")
struct ListOperatorTests {
    // status/type: 3 → 1,2,3,4,5,6,11; 11 → 7; 2 → 8; 1 → 9; 8 → 10; 5 → 12
    static let listCases: [OperatorCase] = [
        OperatorCase("status", "oneOf", [w("1"), w("2")], [8, 9]),
        OperatorCase("status", "in", [w("11")], [7]),
        OperatorCase("status", "eq", [w("11")], [7]),
        OperatorCase("status", "=", [w("8")], [10]),
        OperatorCase("status", "ne", [w("3")], [7, 8, 9, 10, 12]),
        OperatorCase("status", "!=", [w("3")], [7, 8, 9, 10, 12]),
        OperatorCase("status", "notOneOf", [w("3"), w("5")], [7, 8, 9, 10]),
        OperatorCase("status", "is", [w("8")], [10]),
        OperatorCase("status", "isNot", [w("5")], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]),
        OperatorCase("status", "isNull", [], []),
        OperatorCase("status", "isNotNull", [], all),
        OperatorCase("type", "eq", [w("3")], [1, 2, 3, 4, 5, 6, 11]),
        OperatorCase("type", "notOneOf", [w("3")], [7, 8, 9, 10, 12]),
        // contactId: 2 → 2,3,9,11,12; 3 → 1,4,5; none 6,7,8,10
        OperatorCase("contactId", "oneOf", [w("3")], [1, 4, 5]),
        OperatorCase("contactId", "eq", [w("2")], [2, 3, 9, 11, 12]),
        OperatorCase("contactId", "ne", [w("2")], [1, 4, 5, 6, 7, 8, 10]),
        OperatorCase("contactId", "notOneOf", [w("2"), w("3")], [6, 7, 8, 10]),
        OperatorCase("contactId", "isNull", [], [6, 7, 8, 10]),
        // personId: 1 → 2,11; 2 → 3,12; 3 → 4,5; 4 → 6; 5 → 8; 6 → 10; none 1,7,9
        OperatorCase("personId", "in", [w("1"), w("4")], [2, 6, 11]),
        OperatorCase("personId", "ne", [w("2")], [1, 2, 4, 5, 6, 7, 8, 9, 10, 11]),
        OperatorCase("personId", "notOneOf", [w("1"), w("2"), w("3")], [1, 6, 7, 8, 9, 10]),
        OperatorCase("personId", "isNull", [], [1, 7, 9]),
        // person/personCountry: Norway 1 → 2,3,11,12; Sweden 2 → 4,5; Germany 3 → 8; none 6,10; no person 1,7,9
        OperatorCase("person/personCountry", "oneOf", [w("1")], [2, 3, 11, 12]),
        OperatorCase("person/personCountry", "in", [w("2"), w("3")], [4, 5, 8]),
        OperatorCase("person/personCountry", "eq", [w("3")], [8]),
        OperatorCase("person/personCountry", "ne", [w("1")], [1, 4, 5, 6, 7, 8, 9, 10]),
        OperatorCase("person/personCountry", "notOneOf", [w("1"), w("2")], [1, 6, 7, 8, 9, 10]),
        OperatorCase("person/personCountry", "isNull", [], [1, 6, 7, 9, 10]),
        OperatorCase("person/personCountry", "isNotNull", [], [2, 3, 4, 5, 8, 11, 12]),
        // contact/category: Nordlys 1 → 2,3,9,11,12; Ærlig none → 1,4,5; no company 6,7,8,10
        OperatorCase("contact/category", "eq", [w("1")], [2, 3, 9, 11, 12]),
        OperatorCase("contact/category", "ne", [w("1")], [1, 4, 5, 6, 7, 8, 10]),
        OperatorCase("contact/category", "isNull", [], [1, 4, 5, 6, 7, 8, 10]),
        OperatorCase("contact/category", "notOneOf", [w("2")], all),
    ]

    @Test(arguments: ListOperatorTests.listCases) func listOperator(_ c: OperatorCase) { c.run() }

    // associate/usergroup: 3 → 2,12; 2 → 3,5,6,8; 1 → 1,4,11; none 10 (BOT); no agent 7,9.
    // associate/otherGroups: TJE {1,4} → 3,5,6,8; SVE {2} → 1,4,11; ADM, BOT {} → 2,10,12; no agent 7,9.
    static let userGroupCases: [OperatorCase] = [
        OperatorCase("associate/usergroup", "oneOf", [w("1"), w("3")], [1, 2, 4, 11, 12]),
        OperatorCase("associate/usergroup", "in", [w("2")], [3, 5, 6, 8]),
        OperatorCase("associate/usergroup", "eq", [w("1")], [1, 4, 11]),
        OperatorCase("associate/usergroup", "ne", [w("2")], [1, 2, 4, 7, 9, 10, 11, 12]),
        OperatorCase("associate/usergroup", "notOneOf", [w("1"), w("2")], [2, 7, 9, 10, 12]),
        OperatorCase("associate/usergroup", "is", [w("3")], [2, 12]),
        OperatorCase("associate/usergroup", "isNot", [w("3")], [1, 3, 4, 5, 6, 7, 8, 9, 10, 11]),
        OperatorCase("associate/usergroup", "isNull", [], [7, 9, 10]),
        OperatorCase("associate/usergroup", "isNotNull", [], [1, 2, 3, 4, 5, 6, 8, 11, 12]),
        OperatorCase("associate/otherGroups", "oneOf", [w("1")], [3, 5, 6, 8]),
        OperatorCase("associate/otherGroups", "in", [w("2"), w("4")], [1, 3, 4, 5, 6, 8, 11]),
        OperatorCase("associate/otherGroups", "in", [w("3"), w("4")], [3, 5, 6, 8]),
        OperatorCase("associate/otherGroups", "oneOf", [w("3")], []),
        OperatorCase("associate/otherGroups", "eq", [w("2")], [1, 4, 11]),
        OperatorCase("associate/otherGroups", "is", [w("4")], [3, 5, 6, 8]),
        OperatorCase("associate/otherGroups", "ne", [w("1")], [1, 2, 4, 7, 9, 10, 11, 12]),
        OperatorCase("associate/otherGroups", "notOneOf", [w("1"), w("2")], [2, 7, 9, 10, 12]),
        OperatorCase("associate/otherGroups", "isNull", [], [2, 7, 9, 10, 12]),
        OperatorCase("associate/otherGroups", "isNotNull", [], [1, 3, 4, 5, 6, 8, 11]),
    ]

    @Test(arguments: ListOperatorTests.userGroupCases) func userGroupOperator(_ c: OperatorCase) { c.run() }

    // associateId / associate/assocName: ADM 1 → 2,12; TJE 2 → 3,5,6,8; SVE 3 → 1,4,11; BOT 4 → 10; none 7,9.
    // contact/associateId: Nordlys → SVE 3 (2,3,9,11,12); Ærlig → TJE 2 (1,4,5); no company 6,7,8,10.
    // The request's associate is 2 (TJE).
    static let associateCases: [OperatorCase] = [
        OperatorCase("associateId", "associateIsOneOf", [w("1"), w("4")], [2, 10, 12]),
        OperatorCase("associateId", "associateIsOneOf", [w("2")], [3, 5, 6, 8]),
        OperatorCase("associateId", "associateIsNotOneOf", [w("2"), w("3")], [2, 7, 9, 10, 12]),
        OperatorCase("associateId", "associateIsNotOneOf", [w("1")], [1, 3, 4, 5, 6, 7, 8, 9, 10, 11]),
        OperatorCase("associateId", "currentAssociate", [], [3, 5, 6, 8]),
        OperatorCase("associateId", "oneOf", [w("3")], [1, 4, 11]),
        OperatorCase("associateId", "in", [w("1")], [2, 12]),
        OperatorCase("associateId", "eq", [w("4")], [10]),
        OperatorCase("associateId", "ne", [w("2")], [1, 2, 4, 7, 9, 10, 11, 12]),
        OperatorCase("associateId", "notOneOf", [w("1"), w("2"), w("3")], [7, 9, 10]),
        OperatorCase("associateId", "is", [w("1")], [2, 12]),
        OperatorCase("associateId", "isNot", [w("1")], [1, 3, 4, 5, 6, 7, 8, 9, 10, 11]),
        OperatorCase("associateId", "isNull", [], [7, 9]),
        OperatorCase("associateId", "isNotNull", [], [1, 2, 3, 4, 5, 6, 8, 10, 11, 12]),
        OperatorCase("associate/assocName", "currentAssociate", [], [3, 5, 6, 8]),
        OperatorCase("associate/assocName", "associateIsOneOf", [w("3")], [1, 4, 11]),
        OperatorCase("contact/associateId", "associateIsOneOf", [w("3")], [2, 3, 9, 11, 12]),
        OperatorCase("contact/associateId", "associateIsNotOneOf", [w("3")], [1, 4, 5, 6, 7, 8, 10]),
        OperatorCase("contact/associateId", "currentAssociate", [], [1, 4, 5]),
        OperatorCase("contact/associateId", "isNull", [], [6, 7, 8, 10]),
    ]

    @Test(arguments: ListOperatorTests.associateCases) func associateOperator(_ c: OperatorCase) { c.run() }

    @Test func currentAssociateIsTheRequestsAssociate() throws {
        try OperatorFixture.check(
            .condition(Condition("associateId", "currentAssociate")), [1, 4, 11], context: OperatorFixture.context(associate: 3))
        try OperatorFixture.check(
            .condition(Condition("associateId", "currentAssociate")), [2, 12], context: OperatorFixture.context(associate: 1))
    }
}
