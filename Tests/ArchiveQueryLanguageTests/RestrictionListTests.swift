import ArchiveCore
import ArchiveQueryLanguage
import Foundation
import Testing

/// The agents' flat restriction lists, turned into trees.
@Suite("Structured restrictions of the agents")
struct RestrictionListTests {
    typealias Item = RestrictionList.Item

    @Test func parenthesesAndConnectivesMakeTheTree() throws {
        // (a = 2 or b = 3) and (c = 4 or d = 5): the example of the reference's parser.
        let tree = try RestrictionList.restriction([
            Item(name: "a", operator: "=", values: ["2"], interParenthesis: 1, interOperator: .or),
            Item(name: "b", operator: "=", values: ["3"], interParenthesis: -1, interOperator: .and),
            Item(name: "c", operator: "=", values: ["4"], interParenthesis: 1, interOperator: .or),
            Item(name: "d", operator: "=", values: ["5"], interParenthesis: -1),
        ])
        func c(_ name: String, _ value: String) -> Restriction { .condition(Condition(name, "=", [.string(value)])) }
        #expect(tree == .and([.or([c("a", "2"), c("b", "3")]), .or([c("c", "4"), c("d", "5")])]))
        // Without parentheses, and binds tighter than or.
        let flat = try RestrictionList.restriction([
            Item(name: "a", operator: "=", values: ["2"], interOperator: .or),
            Item(name: "b", operator: "=", values: ["3"], interOperator: .and),
            Item(name: "c", operator: "=", values: ["4"]),
        ])
        #expect(flat == .or([c("a", "2"), .and([c("b", "3"), c("c", "4")])]))
    }

    @Test func inactiveItemsTakeNoPart() throws {
        let tree = try RestrictionList.restriction([
            Item(name: "a", operator: "=", values: ["1"], interOperator: .or),
            Item(name: "b", operator: "=", values: ["2"], isActive: false, interOperator: .and),
            Item(name: "c", operator: "=", values: ["3"]),
        ])
        #expect(tree == .or([.condition(Condition("a", "=", [.string("1")])), .condition(Condition("c", "=", [.string("3")]))]))
        #expect(try RestrictionList.restriction([Item(name: "a", operator: "=", isActive: false)]) == nil)
        #expect(try RestrictionList.restriction([]) == nil)
    }

    @Test(arguments: [[1, 0], [0, -1], [2, -1], [-1, 1]])
    func unbalancedParenthesesAreErrors(_ parentheses: [Int]) throws {
        let items = parentheses.enumerated().map { Item(name: "c\($0.offset)", operator: "=", values: ["1"], interParenthesis: $0.element) }
        let error = try #require(throws: ArchiveError.self) { try RestrictionList.restriction(items) }
        #expect(error.kind == .syntax && error.option == "Restriction")
        #expect(error.message.contains("parentheses do not balance"))
    }

    @Test func encodedValuesAreDecoded() {
        #expect(EncodedValue.decode("[I:10]") == [.string("10")])
        #expect(EncodedValue.decode("[F:12.5]") == [.string("12.5")])
        #expect(EncodedValue.decode("[A:3, 4,5]") == [.string("3"), .string("4"), .string("5")])
        #expect(EncodedValue.decode("[D:09/11/2017]") == [.string("2017-09-11")])
        #expect(EncodedValue.decode("[D:20.11.2026]") == [.string("2026-11-20")])
        #expect(EncodedValue.decode("[DT:04/28/2024 20:28:37.0000000]") == [.string("2024-04-28T20:28:37")])
        #expect(EncodedValue.decode("[TS:500]") == [.string("500")])
        #expect(EncodedValue.decode("Bob's [notes]") == [.string("Bob's [notes]")])
        #expect(EncodedValue.decode("[X:1]") == [.string("[X:1]")])
    }

    @Test func everyTimeZoneCodeNamesAZoneFoundationKnows() {
        #expect(ReferenceTimeZones.entries.count > 250)
        for entry in ReferenceTimeZones.entries {
            #expect(TimeZone(identifier: entry.zone) != nil, "\(entry.code): \(entry.zone)")
        }
        // The pairs the reference documents.
        let documented = [("UTC", 1), ("AU-ACT", 36), ("BD", 50), ("CA-QC", 114), ("DK", 140), ("FR", 156), ("NO", 261), ("US-CA", 425), ("US-HI", 433), ("US-NY", 460)]
        for (code, id) in documented {
            #expect(ReferenceTimeZones.zone(named: String(id))?.identifier == ReferenceTimeZones.zone(named: code)?.identifier, "\(code)")
        }
        #expect(ReferenceTimeZones.zone(named: "no")?.identifier == "Europe/Oslo")
        #expect(ReferenceTimeZones.zone(named: "US-NY")?.identifier == "America/New_York")
        #expect(ReferenceTimeZones.zone(named: "Asia/Tokyo")?.identifier == "Asia/Tokyo")
        #expect(ReferenceTimeZones.zone(named: "262") == nil)
        #expect(ReferenceTimeZones.zone(named: "ZZ") == nil)
        #expect(ReferenceTimeZones.zone(named: "") == nil)
    }
}
