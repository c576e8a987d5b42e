import ArchiveCore
import ArchiveSchema
import ArchiveSQLite
import ArchiveTestSupport
import Foundation
import Testing

// Every restriction operator of every restriction type of the ChatSession provider, checked
// against a small hand-made fixture. The expected chat ids of each case were worked out by hand
// from the fixture below and the semantics of the decisions page, not from the engine's SQL.
//
// The fixture is `HandMadeArchive` (ArchiveTestSupport), whose comment lists its rows. Each
// suite is a file of its own: strings, numbers and booleans, dates, lists, combinations, errors.

enum OperatorFixture {
    /// Tue 2019-10-15 12:00:00 UTC.
    static let now = HandMadeArchive.now

    static let provider = ArchiveProvider(catalog: ChatSessionCatalog.catalog)

    static func context(zone: String = "Europe/Oslo", associate: Int64? = 2, now: Int64 = OperatorFixture.now) -> QueryContext {
        QueryContext(now: now, timeZone: TimeZone(identifier: zone)!, language: .english, currentAssociateID: associate)
    }

    static func connection() throws -> Connection { try HandMadeArchive.connection() }


    /// The ids of the chats matching `restriction`, in the order the engine returns them.
    static func ids(
        _ restriction: Restriction, context: QueryContext = OperatorFixture.context(),
        orderBy: [OrderItem] = [OrderItem("chatSessionId")], connection: Connection
    ) throws -> [Int64] {
        let query = ArchiveQuery(select: ["chatSessionId"], restriction: restriction, orderBy: orderBy)
        return try provider.page(query, context: context, database: connection).rows.map(\.primaryKey)
    }

    /// The SQL the engine runs for `restriction`, for failure messages.
    static func sql(_ restriction: Restriction, context: QueryContext, orderBy: [OrderItem], connection: Connection) -> String {
        let query = ArchiveQuery(select: ["chatSessionId"], restriction: restriction, orderBy: orderBy)
        guard let explanation = try? provider.explain(query, context: context, database: connection) else { return "(no plan)" }
        return explanation.statements.map { "\($0.sql) -- \($0.arguments)" }.joined(separator: "\n")
    }

    /// Checks that `restriction` returns exactly `expected`, ordered by chatSessionId (or, with
    /// another order, as a set).
    static func check(
        _ restriction: Restriction, _ expected: [Int64], context: QueryContext = OperatorFixture.context(),
        orderBy: [OrderItem] = [OrderItem("chatSessionId")], sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let connection = try OperatorFixture.connection()
        var got = try ids(restriction, context: context, orderBy: orderBy, connection: connection)
        if orderBy.map(\.column) != ["chatSessionId"] { got.sort() }
        if got != expected {
            Issue.record(
                "\(restriction): expected \(expected), got \(got)\nSQL: \(sql(restriction, context: context, orderBy: orderBy, connection: connection))",
                sourceLocation: sourceLocation)
        }
    }
}

/// A quoted value.
func q(_ text: String) -> RestrictionValue { .string(text) }
/// An unquoted value (a number, a boolean, a period name).
func w(_ text: String) -> RestrictionValue { .word(text) }

let all: [Int64] = Array(1...12)

/// One condition and the chats it must return.
struct OperatorCase: Sendable, CustomTestStringConvertible {
    let column: String
    let op: String
    let values: [RestrictionValue]
    let expected: [Int64]
    /// Set when the engine is known to contradict the semantics for this case.
    let knownIssue: String?

    init(_ column: String, _ op: String, _ values: [RestrictionValue], _ expected: [Int64], knownIssue: String? = nil) {
        self.column = column
        self.op = op
        self.values = values
        self.expected = expected
        self.knownIssue = knownIssue
    }

    var restriction: Restriction { .condition(Condition(column, op, values)) }

    var testDescription: String {
        "\(column) \(op) (\(values.map(\.description).joined(separator: ", "))) → \(expected)"
    }

    func run(context: QueryContext = OperatorFixture.context()) {
        let body = { try OperatorFixture.check(restriction, expected, context: context) }
        if let knownIssue {
            withKnownIssue(Comment(rawValue: knownIssue)) { try body() }
        } else {
            do { try body() } catch { Issue.record(error, "\(testDescription)") }
        }
    }
}
