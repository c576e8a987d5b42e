import ArchiveCore
import ArchiveSchema
import ArchiveSQLite
import ArchiveTestSupport
import Foundation
import Testing

/// Random queries through the engine and through ``ReferenceModel``: the same rows in the same
/// order, page after page.
@Suite("Random queries agree with a plain Swift evaluation")
struct PropertyTests {
    static let zone = ReferenceModel.orderZone

    typealias Generator = SplitMix64

    /// A random condition on a column, with values taken from the data.
    static func condition(_ generator: inout Generator, _ model: ReferenceModel) -> Condition {
        let column = generator.pick(ReferenceModel.columns.filter { $0.name != "chatSessionId" || generator.chance(30) })
        let sample = model.chats[generator.int(0...(model.chats.count - 1))]
        func someValue() -> ReferenceModel.Value? {
            for _ in 0..<20 {
                if let value = column.value(model.chats[generator.int(0...(model.chats.count - 1))]) { return value }
            }
            return column.value(sample)
        }
        switch column.kind {
        case .integer, .list:
            let op = generator.pick(column.kind == .list ? ["eq", "oneOf", "notOneOf", "isNull"] : ["eq", "ne", "gt", "lt", "ge", "le", "between", "oneOf", "notOneOf", "isNull"])
            func number() -> String { if case .integer(let n)? = someValue() { String(n) } else { "3" } }
            switch op {
            case "isNull": return Condition(column.name, op)
            case "between": return Condition(column.name, op, [.word(number()), .word(number())])
            case "oneOf", "notOneOf": return Condition(column.name, op, (0..<generator.int(1...3)).map { _ in .word(number()) })
            default: return Condition(column.name, op, [.word(number())])
            }
        case .text:
            let op = generator.pick(["begins", "contains", "is", "isNot", "notBegins", "notContains", "oneOf", "isNull", "between"])
            func text() -> String {
                guard case .text(let text)? = someValue() else { return "a" }
                var piece = op == "is" || op == "isNot" || op == "oneOf" ? text : String(text.prefix(generator.int(1...max(1, min(4, text.count)))))
                if op == "contains", text.count > 3 { piece = String(text.dropFirst(generator.int(0...2)).prefix(3)) }
                return generator.chance(50) ? piece.uppercased() : piece
            }
            switch op {
            case "isNull": return Condition(column.name, op)
            case "oneOf": return Condition(column.name, op, [.string(text()), .string(text())])
            case "between":
                let (a, b) = (text(), text())
                return Condition(column.name, op, ReferenceModel.nocase(a, b) <= 0 ? [.string(a), .string(b)] : [.string(b), .string(a)])
            default: return Condition(column.name, op, [.string(text())])
            }
        case .moment:
            let op = generator.pick(["date", "before", "after", "dateBetween", "afterTime", "beforeTime", "isNull"])
            func day() -> String {
                guard case .moment(let instant)? = someValue() else { return "2024-01-01" }
                return StoredDateTime.formatDate((model.localDay(instant) + Int64(generator.int(-1...1))) * 86_400)
            }
            switch op {
            case "isNull": return Condition(column.name, op)
            case "dateBetween":
                let (a, b) = (day(), day())
                return Condition(column.name, op, a <= b ? [.string(a), .string(b)] : [.string(b), .string(a)])
            case "afterTime", "beforeTime": return Condition(column.name, op, [.string(day() + "T" + generator.pick(["00:00:00", "09:30:00", "23:15:00"]))])
            default: return Condition(column.name, op, [.string(day())])
            }
        case .flag:
            return Condition(column.name, "set", generator.chance(30) ? [] : [.word(generator.chance(50) ? "true" : "false")])
        }
    }

    static func restriction(_ generator: inout Generator, _ model: ReferenceModel, depth: Int = 0) -> Restriction {
        if depth < 2, generator.chance(35) {
            let parts = (0..<generator.int(2...3)).map { _ in restriction(&generator, model, depth: depth + 1) }
            return generator.chance(50) ? .and(parts) : .or(parts)
        }
        return .condition(condition(&generator, model))
    }

    static func order(_ generator: inout Generator) -> [OrderItem] {
        (0..<generator.int(0...2)).map { _ in
            OrderItem(generator.pick(ReferenceModel.columns.filter(\.orderable)).name, generator.chance(50) ? .descending : .ascending)
        }
    }

    static let fixture: (path: String, model: ReferenceModel) = {
        let path = try! SeededDatabase.path(chats: 2_500, seed: 11)
        let connection = try! Connection(path: path, mode: .readOnly)
        return (path, try! ReferenceModel(connection: connection, zone: zone))
    }()

    @Test(arguments: 0..<40)
    func randomQueriesReturnTheRowsOfTheReference(seed: UInt64) throws {
        let (path, model) = Self.fixture
        let connection = try Connection(path: path, mode: .readOnly)
        let provider = ArchiveProvider()
        let context = QueryContext(now: SeededDatabase.now, timeZone: Self.zone, language: .english)
        var generator = Generator(state: seed &* 7919 &+ 17)
        for round in 0..<15 {
            let restriction: Restriction? = generator.chance(85) ? Self.restriction(&generator, model) : nil
            let orderBy = Self.order(&generator)
            let top = generator.pick([1, 7, 50, 1_000])
            let skip = generator.pick([0, 0, 3, 40])
            let expected = Array(model.evaluate(restriction, orderBy: orderBy).dropFirst(skip).prefix(top)).map(\.id)
            let query = ArchiveQuery(select: ["chatSessionId", "person/lastName"], restriction: restriction, orderBy: orderBy, page: Page(top: top, skip: skip))
            let page = try provider.page(query, context: context, database: connection)
            #expect(page.rows.map(\.primaryKey) == expected, "seed \(seed) round \(round): \(String(describing: restriction)) order \(orderBy) top \(top) skip \(skip)")
            if page.rows.map(\.primaryKey) != expected { return }
        }
    }

    /// Two sort keys, the second often one whose rows may be missing or empty (a person's last
    /// name or country, a boolean of a person, a rating): 300 queries in all.
    @Test(arguments: 0..<30)
    func twoKeyOrdersAreExact(seed: UInt64) throws {
        let (path, model) = Self.fixture
        let connection = try Connection(path: path, mode: .readOnly)
        let provider = ArchiveProvider()
        let context = QueryContext(now: SeededDatabase.now, timeZone: Self.zone, language: .english)
        var generator = Generator(state: seed &* 31_337 &+ 101)
        let orderable = ReferenceModel.columns.filter(\.orderable)
        for round in 0..<10 {
            let orderBy = (0..<2).map { _ in OrderItem(generator.pick(orderable).name, generator.chance(50) ? .descending : .ascending) }
            let restriction: Restriction? = generator.chance(40) ? Self.restriction(&generator, model) : nil
            let top = generator.pick([10, 100, 1_000])
            let expected = Array(model.evaluate(restriction, orderBy: orderBy).prefix(top)).map(\.id)
            let query = ArchiveQuery(select: ["chatSessionId"], restriction: restriction, orderBy: orderBy, page: Page(top: top))
            let page = try provider.page(query, context: context, database: connection)
            #expect(page.rows.map(\.primaryKey) == expected, "seed \(seed) round \(round): order \(orderBy) \(String(describing: restriction))")
            if page.rows.map(\.primaryKey) != expected { return }
        }
    }

    @Test(arguments: 0..<12)
    func cursorPagingWalksTheReferenceOrder(seed: UInt64) throws {
        let (path, model) = Self.fixture
        let connection = try Connection(path: path, mode: .readOnly)
        let provider = ArchiveProvider()
        let context = QueryContext(now: SeededDatabase.now, timeZone: Self.zone, language: .english)
        var generator = Generator(state: seed &* 104_729 &+ 3)
        let restriction: Restriction? = generator.chance(60) ? Self.restriction(&generator, model) : nil
        // One sort column at most, so that the order can take the segmented, index-walking path.
        let orderBy = Array(Self.order(&generator).prefix(1))
        let expected = model.evaluate(restriction, orderBy: orderBy).map(\.id)
        var query = ArchiveQuery(select: ["chatSessionId"], restriction: restriction, orderBy: orderBy, page: Page(top: 97))
        var seen: [Int64] = []
        for _ in 0..<200 {
            let page = try provider.page(query, context: context, database: connection)
            seen += page.rows.map(\.primaryKey)
            guard let next = page.nextCursor else { break }
            query.page = Page(top: 97, cursor: next)
        }
        #expect(seen == expected, "seed \(seed): \(String(describing: restriction)) order \(orderBy)")
    }
}
