@testable import ArchivePostgres
import Testing

/// The parts of prepared statements that need no server: how placeholders are pinned to their
/// types, and how a statement's plan mode is chosen from its timings.
@Suite("Prepared statements, without a server")
struct PlanChoiceTests {
    @Test func placeholdersAreCastToTheirValuesTypes() {
        let pinned = ParameterType.pinning(
            "SELECT $1::timestamp, $2, $10 FROM t WHERE a = $2 LIMIT $3", to: [.text, .bigint, .unspecified] + Array(repeating: .double, count: 7))
        #expect(pinned == "SELECT ($1::text)::timestamp, ($2::bigint), ($10::double precision) FROM t WHERE a = ($2::bigint) LIMIT $3")
    }

    @Test(arguments: [
        "SELECT '$1', \"$1\", $$ $1 $$, $tag$ $1 $x$ $tag$ -- $1\n/* $1 /* $1 */ $1 */",
        "SELECT E'\\' $1', 'it''s $1', a$1, U&'$1'",
    ])
    func placeholdersInQuotesAndCommentsAreLeftAlone(_ sql: String) {
        #expect(ParameterType.pinning(sql, to: [.text]) == sql)
        #expect(ParameterType.pinning(sql + " $1", to: [.text]) == sql + " ($1::text)")
    }

    @Test func aStatementRunsGenericFirstThenCustomThenKeepsTheFaster() {
        var choice = PlanChoice()
        var modes: [PlanMode] = []
        for _ in 0..<(1 + 2 * PlanChoice.samples) {
            let mode = choice.next
            modes.append(mode)
            choice.record(mode, mode == .generic ? .microseconds(400) : .microseconds(1_400))
        }
        #expect(modes == [.generic, .generic, .generic, .generic, .custom, .custom, .custom])
        #expect(choice.decided == .generic)
        #expect(choice.next == .generic)
    }

    @Test func aGenericPlanMuchSlowerThanCustomPlansGivesWayToThem() {
        var choice = PlanChoice()
        // The first run builds the plan and is not counted, however long it takes.
        choice.record(.generic, .milliseconds(50))
        for _ in 0..<PlanChoice.samples { choice.record(.generic, .milliseconds(12)) }
        #expect(choice.decided == nil)
        for _ in 0..<PlanChoice.samples { choice.record(.custom, .milliseconds(2)) }
        #expect(choice.decided == .custom)
        #expect(choice.next == .custom)
        // Decided once: later timings do not change it.
        choice.record(.custom, .milliseconds(40))
        #expect(choice.decided == .custom)
    }

    @Test func aTieGoesToTheGenericPlan() {
        var choice = PlanChoice()
        choice.record(.generic, .milliseconds(3))
        for _ in 0..<PlanChoice.samples { choice.record(.generic, .microseconds(1_200)) }
        for _ in 0..<PlanChoice.samples { choice.record(.custom, .microseconds(1_000)) }
        #expect(choice.decided == .generic)
    }

    @Test func theCacheEvictsTheLeastRecentlyUsedStatement() {
        var cache = PreparedStatementCache<String>(capacity: 2)
        let shapes = (1...3).map { StatementShape(sql: "SELECT \($0)", types: []) }
        #expect(cache.insert("first", for: shapes[0]) == nil)
        #expect(cache.insert("second", for: shapes[1]) == nil)
        #expect(cache.statement(for: shapes[0])?.statement == "first")  // used: the second is now the oldest
        #expect(cache.insert("third", for: shapes[2]) == "second")
        #expect(cache.count == 2)
        #expect(cache.statement(for: shapes[1]) == nil)
        // The same text with other value types is another statement.
        #expect(cache.statement(for: StatementShape(sql: "SELECT 1", types: [.text])) == nil)
        #expect(cache.remove(shapes[0]) == "first")
        #expect(cache.count == 1)
    }

    @Test func aShapesTimingsFollowItInTheCache() {
        var cache = PreparedStatementCache<String>(capacity: 4)
        let shape = StatementShape(sql: "SELECT $1", types: [.bigint])
        _ = cache.insert("page", for: shape)
        for _ in 0..<(1 + 2 * PlanChoice.samples) {
            let mode = cache.statement(for: shape)!.mode
            cache.record(shape, mode, mode == .generic ? .milliseconds(30) : .milliseconds(1))
        }
        #expect(cache.decidedMode(shape) == .custom)
        #expect(cache.statement(for: shape)?.mode == .custom)
    }
}
