import ArchiveCore
import ArchiveQueryLanguage
import ArchiveTestSupport
import Testing

/// Random texts made of the grammar's pieces: whatever a client sends, the parsers answer with a
/// restriction whose positions point at its columns, or with a positioned `ArchiveError`, and
/// never crash.
@Suite("Random input")
struct FuzzTests {
    static let pieces = [
        "rating", "person/lastName", "eq", "=", "!=", "<", ">=", "(", ")", ",", "'", "''", "'x'", "'a\\'b'", "\\", "and", "or", "AND",
        "not", "startswith", "substringof", "this", "next", "week", "1", "-2.5", " ", "  ", "\"", "!", "Ø", "in", "(1,2)", "set", "today",
    ]

    static func text(_ generator: inout SplitMix64) -> String {
        (0..<Int.random(in: 1...14, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
    }

    static let atoms = [
        "rating eq 1", "rating=1", "person/lastName begins 'b'", "startswith(person/lastName, 'x') eq false", "this(whenRequested, week)",
        "whenRequested today", "rating in (1, 2)", "substringof('a''b', text)", "next(date, 2, 'weeks')", "status NotOneOf (1,2)",
        "xstop set", "contactId>=2", "endswith( chatTopic/name ,'chat' )",
    ]

    /// A valid filter of `atoms` joined by `and`/`or` in any case, some in parentheses, and how
    /// many atoms it has.
    static func validFilter(_ generator: inout SplitMix64, depth: Int = 0) -> (String, Int) {
        var text = "", count = 0
        for index in 0..<Int.random(in: 1...3, using: &generator) {
            if index > 0 { text += [" and ", " or ", " AND ", " Or ", "  and  "].randomElement(using: &generator)! }
            if depth < 3, Bool.random(using: &generator) {
                let (inner, innerCount) = validFilter(&generator, depth: depth + 1)
                text += "(" + inner + ")"
                count += innerCount
            } else {
                text += atoms.randomElement(using: &generator)!
                count += 1
            }
        }
        return (text, count)
    }

    /// The text at a condition's position, as long as its column name ("" when out of range).
    static func column(of condition: Condition, in characters: [Character]) -> String {
        let start = (condition.position ?? 0) - 1
        guard start >= 0, start + condition.column.count <= characters.count else { return "" }
        return String(characters[start..<(start + condition.column.count)])
    }

    /// Every condition of `restriction`, depth first.
    static func conditions(_ restriction: Restriction) -> [Condition] {
        switch restriction {
        case .condition(let condition): [condition]
        case .and(let parts), .or(let parts): parts.flatMap(conditions)
        }
    }

    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func filters(seed: UInt64) {
        var generator = SplitMix64(state: seed)
        var parsed = 0
        for _ in 0..<2_000 {
            let text = Self.text(&generator)
            let characters = Array(text)
            do {
                guard let restriction = try FilterParser.parse(text) else { continue }
                parsed += 1
                for condition in Self.conditions(restriction) {
                    #expect(Self.column(of: condition, in: characters) == condition.column, "\(text): \(condition)")
                }
            } catch let error as ArchiveError {
                #expect(error.kind == .syntax && error.option == "$filter", "\(text): \(error)")
                let position = error.position ?? 0
                #expect((1...characters.count + 1).contains(position), "\(text): \(error)")
                #expect(error.message.contains("position \(position)"), "\(text): \(error)")
            } catch {
                Issue.record("\(text): \(error)")
            }
        }
        // Some random texts are valid filters, so positions are checked here too.
        #expect(parsed > 10)
    }

    @Test(arguments: [7, 8] as [UInt64])
    func validFilters(seed: UInt64) throws {
        var generator = SplitMix64(state: seed)
        for _ in 0..<1_000 {
            let (text, count) = Self.validFilter(&generator)
            let restriction = try #require(try FilterParser.parse(text), "\(text)")
            let conditions = Self.conditions(restriction)
            #expect(conditions.count == count, "\(text)")
            let characters = Array(text)
            for condition in conditions {
                #expect(Self.column(of: condition, in: characters) == condition.column, "\(text): \(condition)")
            }
        }
    }

    static let optionPieces = [
        "$select", "$filter", "$orderBy", "$top", "$skip", "$mode", "$options", "$format", "$entities", "$inlineCount", "$nope", "top",
    ]
    static let valuePieces = [
        "rating", "rating desc", "Count(chatSessionId)", "GroupBy(type):Header,Footer", "1", "-1", "Full", "GrandTotal=true",
        "json", ",", "", " ", "x", "person/lastName asc", "rating eq 1", "((", "chat", "true",
    ]

    @Test(arguments: [5, 6] as [UInt64])
    func requests(seed: UInt64) {
        var generator = SplitMix64(state: seed)
        for _ in 0..<2_000 {
            let options = (0..<Int.random(in: 0...4, using: &generator)).map { _ in
                (name: Self.optionPieces.randomElement(using: &generator)!, value: Self.valuePieces.randomElement(using: &generator)!)
            }
            do {
                _ = try ArchiveRequest.parse(options, catalog: ChatSessionCatalog.catalog)
            } catch let error as ArchiveError {
                #expect(error.option != nil, "\(options): \(error)")
            } catch {
                Issue.record("\(options): \(error)")
            }
        }
    }
}
