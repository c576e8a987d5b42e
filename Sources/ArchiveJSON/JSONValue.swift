import Foundation

/// A JSON document read without a fixed shape, for bodies whose fields may come in several
/// forms (an array or a string) and whose names are matched without regard to case.
public enum JSONValue: Decodable, Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([JSONValue].self) { self = .array(value) }
        else { self = .object(try container.decode([String: JSONValue].self)) }
    }

    /// Parses a document; nil when the bytes are not JSON.
    public static func parse(_ bytes: [UInt8]) -> JSONValue? { bytes.withUnsafeBufferPointer { JSONParser.parse($0) } }

    /// Reads a JSON object member by member, without building a dictionary: `body` gets each
    /// member's key as UTF-8 bytes (valid only during the call) and its value, in the order
    /// written. Returns false when the bytes are not exactly one JSON object.
    public static func forEachMember(ofObject bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>, JSONValue) -> Void) -> Bool {
        JSONParser.forEachMember(bytes, body)
    }

    /// Parses a document from UTF-8 bytes; nil when they are not JSON.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> JSONValue? { JSONParser.parse(bytes) }

    /// The member called `name` (case-insensitive), or nil when absent or null.
    public subscript(member name: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        let wanted = name.lowercased()
        guard let value = members.first(where: { $0.key.lowercased() == wanted })?.value, value != .null else { return nil }
        return value
    }

    public var string: String? { if case .string(let value) = self { value } else { nil } }

    /// A whole number within 32 bits.
    public var integer: Int? {
        guard case .number(let value) = self, value == value.rounded(), value >= Double(Int32.min), value <= Double(Int32.max) else { return nil }
        return Int(value)
    }
}
