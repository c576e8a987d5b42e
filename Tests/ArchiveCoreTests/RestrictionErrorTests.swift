import ArchiveCore
import ArchiveSchema
import ArchiveSQLite
import ArchiveTestSupport
import Foundation
import Testing

@Suite("Operator semantics: errors")
struct RestrictionErrorTests {
    struct ErrorCase: Sendable, CustomTestStringConvertible {
        let column: String
        let op: String
        let values: [RestrictionValue]
        let kind: ArchiveError.Kind
        var suggestion: String? = nil

        init(_ column: String, _ op: String, _ values: [RestrictionValue], _ kind: ArchiveError.Kind, suggestion: String? = nil) {
            self.column = column
            self.op = op
            self.values = values
            self.kind = kind
            self.suggestion = suggestion
        }

        var testDescription: String { "\(column) \(op) (\(values.map(\.description).joined(separator: ", "))) → \(kind)" }
    }

    static let cases: [ErrorCase] = [
        // Operators the type does not allow.
        ErrorCase("rating", "contains", [q("3")], .operatorNotAllowed),
        ErrorCase("rating", "begins", [q("3")], .operatorNotAllowed),
        ErrorCase("rating", "today", [], .operatorNotAllowed),
        ErrorCase("text", "notContains", [q("x")], .operatorNotAllowed),
        ErrorCase("text", "notBegins", [q("x")], .operatorNotAllowed),
        ErrorCase("text", "notEnds", [q("x")], .operatorNotAllowed),
        ErrorCase("text", "isNot", [q("x")], .operatorNotAllowed),
        ErrorCase("text", "ne", [q("x")], .operatorNotAllowed),
        ErrorCase("text", "unequals", [q("x")], .operatorNotAllowed),
        ErrorCase("text", "notOneOf", [q("x")], .operatorNotAllowed),
        ErrorCase("text", "between", [q("a"), q("b")], .operatorNotAllowed),
        ErrorCase("text", "isPK", [w("1")], .operatorNotAllowed),
        ErrorCase("person/lastName", "isPK", [w("1")], .operatorNotAllowed),
        ErrorCase("person/lastName", "gt", [q("A")], .operatorNotAllowed),
        ErrorCase("person/retired", "contains", [q("x")], .operatorNotAllowed),
        ErrorCase("person/retired", "gt", [w("0")], .operatorNotAllowed),
        ErrorCase("whenRequested", "contains", [q("2019")], .operatorNotAllowed),
        ErrorCase("status", "contains", [q("x")], .operatorNotAllowed),
        ErrorCase("status", "gt", [w("1")], .operatorNotAllowed),
        ErrorCase("status", "associateIsOneOf", [w("1")], .operatorNotAllowed),
        ErrorCase("associate/otherGroups", "currentAssociate", [], .operatorNotAllowed),
        ErrorCase("getAllRows", "contains", [q("x")], .operatorNotAllowed),
        // Wrong number of values.
        ErrorCase("rating", "between", [w("1")], .wrongValueCount),
        ErrorCase("rating", "eq", [], .wrongValueCount),
        ErrorCase("rating", "eq", [w("1"), w("2")], .wrongValueCount),
        ErrorCase("rating", "isNull", [w("1")], .wrongValueCount),
        ErrorCase("rating", "oneOf", [], .wrongValueCount),
        ErrorCase("person/lastName", "between", [q("A")], .wrongValueCount),
        ErrorCase("person/fullName", "isPK", [], .wrongValueCount),
        ErrorCase("person/retired", "set", [w("true"), w("false")], .wrongValueCount),
        ErrorCase("date", "between", [q("2019-10-01")], .wrongValueCount),
        ErrorCase("whenRequested", "today", [q("2019-10-15")], .wrongValueCount),
        ErrorCase("whenRequested", "next", [w("2")], .wrongValueCount),
        ErrorCase("whenRequested", "previous", [w("2"), w("weeks"), w("3")], .wrongValueCount),
        ErrorCase("whenRequested", "this", [], .wrongValueCount),
        ErrorCase("date", "thisWeek", [w("1")], .wrongValueCount),
        ErrorCase("status", "oneOf", [], .wrongValueCount),
        ErrorCase("associateId", "currentAssociate", [w("2")], .wrongValueCount),
        // Values of the wrong kind.
        ErrorCase("rating", "eq", [q("abc")], .invalidValue),
        ErrorCase("rating", "in", [w("1"), q("x")], .invalidValue),
        ErrorCase("chatSessionId", "eq", [w("1.5")], .invalidValue),
        ErrorCase("timeInQueue", "gt", [q("soon")], .invalidValue),
        ErrorCase("whenRequested", "date", [q("2020-13-01")], .invalidValue),
        ErrorCase("whenRequested", "date", [q("2019-02-29")], .invalidValue),
        ErrorCase("whenRequested", "dateTime", [q("2019-10-15T24:00:00")], .invalidValue),
        ErrorCase("date", "before", [q("yesterday")], .invalidValue),
        ErrorCase("whenRequested", "next", [q("x"), w("weeks")], .invalidValue),
        ErrorCase("whenRequested", "next", [w("2"), w("fortnight")], .invalidValue),
        ErrorCase("whenRequested", "this", [w("eon")], .invalidValue),
        ErrorCase("person/fullName", "isPK", [q("abc")], .invalidValue),
        ErrorCase("person/retired", "set", [q("maybe")], .invalidValue),
        ErrorCase("status", "eq", [q("abc")], .invalidValue),
        ErrorCase("associateId", "associateIsOneOf", [q("TJE")], .invalidValue),
        ErrorCase("associate/otherGroups", "eq", [q("Sales")], .invalidValue),
        // Columns that cannot be restricted.
        ErrorCase("icon", "eq", [q("chat")], .columnNotRestrictable),
        ErrorCase("recordTypeText", "eq", [q("chat")], .columnNotRestrictable),
        ErrorCase("person/portraitThumbnail", "contains", [q("x")], .columnNotRestrictable),
        ErrorCase("person/birthdate", "date", [q("1980-02-29")], .columnNotRestrictable),
        ErrorCase("contact/nameDepartment", "contains", [q("Salg")], .columnNotRestrictable),
        // Unknown operators.
        ErrorCase("rating", "approx", [w("3")], .unknownOperator),
        ErrorCase("person/lastName", "like", [q("B%")], .unknownOperator),
        ErrorCase("whenRequested", "yesterday", [], .unknownOperator),
        // Unknown columns, with the closest names suggested.
        ErrorCase("person/lastNam", "eq", [q("Berg")], .unknownColumn, suggestion: "person/lastName"),
        ErrorCase("ratng", "eq", [w("3")], .unknownColumn, suggestion: "rating"),
        ErrorCase("whenRequestd", "today", [], .unknownColumn, suggestion: "whenRequested"),
        ErrorCase("chatTopic/nam", "is", [q("x")], .unknownColumn, suggestion: "chatTopic/name"),
        ErrorCase("noSuchThing", "eq", [w("1")], .unknownColumn),
    ]

    @Test(arguments: RestrictionErrorTests.cases) func restrictionError(_ c: ErrorCase) throws {
        let connection = try OperatorFixture.connection()
        let restriction = Restriction.condition(Condition(c.column, c.op, c.values))
        let error = try #require(throws: ArchiveError.self) { try OperatorFixture.ids(restriction, connection: connection) }
        #expect(error.kind == c.kind, "\(error)")
        if let suggestion = c.suggestion {
            #expect(error.suggestions.first == suggestion, "suggestions: \(error.suggestions)")
        }
    }
}
