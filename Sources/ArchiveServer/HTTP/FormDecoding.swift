import HTTPTypes
import Hummingbird
/// Reads `application/x-www-form-urlencoded` text: a URL's query string or a form body.
enum FormDecoding {
    /// Where form text comes from, as an error names it.
    enum Place {
        case queryString
        case formBody

        var name: String { self == .queryString ? "the query string" : "the form body" }
        var source: String { self == .queryString ? "URL" : "Body" }
    }

    /// The name/value pairs in order, `+` read as a space and `%XX` decoded as UTF-8.
    ///
    /// - Throws: ``APIError`` (400) for a bad `%` escape or bytes that are not UTF-8.
    static func pairs(_ text: some StringProtocol, from place: Place = .queryString) throws -> [(name: String, value: String)] {
        try text.split(separator: "&", omittingEmptySubsequences: true).map { part in
            let equals = part.firstIndex(of: "=")
            let name = try decode(equals.map { part[..<$0] } ?? part[...], from: place)
            let value = try equals.map { try decode(part[part.index(after: $0)...], from: place) } ?? ""
            return (name, value)
        }
    }

    /// The pairs of a form body, which must be UTF-8 before it is decoded too (not repaired:
    /// a value with U+FFFD in it would be looked for as given, and match nothing).
    ///
    /// - Throws: ``APIError`` (400) for bytes that are not UTF-8 or a bad `%` escape.
    static func pairs(body bytes: some Collection<UInt8>) throws -> [(name: String, value: String)] {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw APIError(.badRequest, "InvalidRequest", "the form body is not UTF-8 (send the form as UTF-8)", source: Place.formBody.source)
        }
        return try pairs(text, from: .formBody)
    }

    static func decode(_ text: some StringProtocol, from place: Place = .queryString) throws -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "+"): bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                    throw APIError(.badRequest, "InvalidRequest", "\(place.name) has a '%' that is not followed by two hex digits", source: place.source)
                }
                bytes.append(high << 4 | low)
            default: bytes.append(byte)
            }
        }
        guard let decoded = String(validating: bytes, as: UTF8.self) else {
            throw APIError(.badRequest, "InvalidRequest", "\(place.name) is not UTF-8 once decoded", source: place.source)
        }
        return decoded
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// Percent-encodes a query value for a URL the server writes (the next link).
    static func encode(_ text: String) -> String {
        var output = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "$"), UInt8(ascii: "/"),
                UInt8(ascii: ","), UInt8(ascii: ":"), UInt8(ascii: "("), UInt8(ascii: ")"):
                output.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF")
                output += "%" + String(hex[Int(byte >> 4)]) + String(hex[Int(byte & 15)])
            }
        }
        return output
    }
}
