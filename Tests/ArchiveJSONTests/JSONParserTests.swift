import ArchiveJSON
import Foundation
import Testing

/// The JSON parser reads what RFC 8259 allows, refuses the rest, and agrees with Foundation's
/// JSONSerialization on every document both accept.
@Suite("The JSON parser")
struct JSONParserTests {
    static func parse(_ text: String) -> JSONValue? { JSONValue.parse(Array(text.utf8)) }

    /// The value Foundation reads from the same text, in the same shape.
    static func foundation(_ text: String) -> JSONValue? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) else { return nil }
        func convert(_ value: Any) -> JSONValue {
            switch value {
            case is NSNull: return .null
            case let number as NSNumber:
                // Booleans come as NSNumbers too, of the C type char.
                if String(cString: number.objCType) == "c" { return .bool(number.boolValue) }
                return .number(number.doubleValue)
            case let string as String: return .string(string)
            case let array as [Any]: return .array(array.map(convert))
            case let object as [String: Any]: return .object(object.mapValues(convert))
            default: return .null
            }
        }
        return convert(object)
    }

    static let valid = [
        #"{"a": 1, "b": [true, false, null], "c": {"d": "e"}}"#,
        #"  [ 1 , -2.5 , 3e2 , 4E-2 , -0 , 0.125 ]  "#,
        #""plain""#, "12", "true", "null", "[]", "{}", #"{"":""}"#,
        #""escapes: \" \\ \/ \b \f \n \r \t""#,
        #""\u00e9\u00C5 \ud83d\ude00 and ø raw""#,
        #"{"nested": [[[{"x": [1, {"y": null}]}]]]}"#,
        "\t\n\r {\"spaced\" \t:\n 1}\n",
        #"{"big": 12345678901234, "small": 1e-300, "neg": -99}"#,
    ]

    @Test(arguments: valid)
    func validDocumentsReadAsFoundationReadsThem(text: String) throws {
        let parsed = try #require(Self.parse(text), "refused: \(text)")
        #expect(parsed == Self.foundation(text), "\(text)")
    }

    @Test func valuesAreExact() {
        #expect(Self.parse(#"{"name": "Østby", "n": 5, "ok": true, "none": null}"#)
            == .object(["name": .string("Østby"), "n": .number(5), "ok": .bool(true), "none": .null]))
        #expect(Self.parse(#""\ud83d\ude00""#) == .string("😀"))
        #expect(Self.parse(#"{"a": 1, "a": 2}"#) == .object(["a": .number(2)]), "a member given twice keeps its last value")
    }

    static let invalid = [
        "", " ", "{", "}", "[1,]", "[,1]", #"{"a":1,}"#, #"{"a" 1}"#, #"{a: 1}"#, "{'a': 1}",
        "01", "1.", ".5", "-", "+1", "1e", "1e+", "0x10", "NaN", "Infinity", "1e999",
        "tru", "nul", "True", #""unterminated"#, "\"tab\there\"", "\"line\nbreak\"", #""\x""#, #""\u12""#,
        #""\ud83d""#, #""\ude00""#, #""\ud83d\u0041""#, "[1] [2]", "1 2", #"{"a":1}}"#,
    ]

    @Test(arguments: invalid)
    func invalidDocumentsAreRefused(text: String) {
        #expect(Self.parse(text) == nil, "accepted: \(text)")
    }

    @Test func bytesThatAreNotUTF8AreRefused() {
        #expect(JSONValue.parse([0x22, 0xFF, 0x22]) == nil)
        #expect(JSONValue.parse([0x22, 0xC3, 0x22]) == nil)
    }

    @Test func deepNestingIsRefusedNotACrash() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(Self.parse(deep) == nil)
        let allowed = String(repeating: "[", count: 500) + String(repeating: "]", count: 500)
        #expect(Self.parse(allowed) != nil)
    }

    /// An object's members as `forEachMember(ofObject:)` hands them over, or nil when refused.
    static func members(_ text: String) -> [(String, JSONValue)]? {
        var members: [(String, JSONValue)] = []
        let accepted = Array(text.utf8).withUnsafeBufferPointer { bytes in
            JSONValue.forEachMember(ofObject: bytes) { key, value in members.append((String(decoding: key, as: UTF8.self), value)) }
        }
        return accepted ? members : nil
    }

    @Test(arguments: valid.filter { $0.trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix("{") })
    func membersReadAsTheWholeObject(text: String) throws {
        let members = try #require(Self.members(text), "refused: \(text)")
        #expect(JSONValue.object(Dictionary(members, uniquingKeysWith: { $1 })) == Self.parse(text), "\(text)")
    }

    @Test func membersComeInTheirOrderWithEscapedKeysResolved() throws {
        let members = try #require(Self.members(#"{"b": 1, "a\u00e9\"": "x", "c": [2], "b": null}"#))
        #expect(members.map(\.0) == ["b", "aé\"", "c", "b"])
        #expect(members.map(\.1) == [.number(1), .string("x"), .array([.number(2)]), .null])
        #expect(Self.members(#"{"whole": 123456789012345, "negative": -42, "zero": -0}"#)?.map(\.1) == [.number(123_456_789_012_345), .number(-42), .number(-0.0)])
    }

    @Test(arguments: invalid + ["[1]", "\"text\"", "12", #"{"a": 1} x"#, #"{"\ud83d": 1}"#])
    func membersOfAnythingButOneObjectAreRefused(text: String) {
        #expect(Self.members(text) == nil, "accepted: \(text)")
    }

    @Test func keysThatAreNotUTF8AreRefused() {
        let bytes: [UInt8] = Array(#"{""#.utf8) + [0xC3] + Array(#"": 1}"#.utf8)
        #expect(bytes.withUnsafeBufferPointer { JSONValue.forEachMember(ofObject: $0) { _, _ in } } == false)
    }

    /// `integer` reads every whole number of 32 bits, both ends included.
    @Test func integersCoverThe32BitRangeToBothEnds() {
        #expect(JSONValue.number(-2_147_483_648).integer == -2_147_483_648)
        #expect(JSONValue.number(2_147_483_647).integer == 2_147_483_647)
        #expect(JSONValue.number(-2_147_483_649).integer == nil && JSONValue.number(2_147_483_648).integer == nil)
        #expect(JSONValue.number(1.5).integer == nil && JSONValue.string("1").integer == nil)
    }
}
