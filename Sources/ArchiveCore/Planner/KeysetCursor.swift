import ArchiveSQLite
import Crypto
import Foundation

/// An opaque position in a query's order: the segment and the key values of the last row of a
/// page, signed so that a tampered token, or one from another query, is recognised.
///
/// Token: `base64url(JSON payload) "." base64url(first 16 bytes of HMAC-SHA256)`.
struct KeysetCursor: Equatable {
    let segment: Int
    let values: [SQLiteValue]

    private struct Payload: Codable {
        var v: Int
        var q: String
        var s: Int
        var k: [String]
    }

    func encode(fingerprint: String, key: SymmetricKey) -> String {
        let payload = Payload(v: 1, q: fingerprint, s: segment, k: values.map(Self.encode))
        let json = (try? JSONEncoder().encode(payload)) ?? Data()
        let signature = HMAC<SHA256>.authenticationCode(for: json, using: key)
        return Self.base64URL(json) + "." + Self.base64URL(Data(signature.prefix(16)))
    }

    static func decode(_ token: String, fingerprint: String, key: SymmetricKey) throws -> KeysetCursor {
        let invalid = ArchiveError(.invalidCursor, "the $skiptoken is not valid for this query: it was changed, or it belongs to another query")
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let json = data(base64URL: parts[0]), let signature = data(base64URL: parts[1]), signature.count == 16 else {
            throw invalid
        }
        let expected = HMAC<SHA256>.authenticationCode(for: json, using: key)
        // Constant-time comparison of the truncated code.
        var difference: UInt8 = 0
        for (left, right) in zip(Data(expected.prefix(16)), signature) { difference |= left ^ right }
        guard difference == 0, let payload = try? JSONDecoder().decode(Payload.self, from: json), payload.v == 1, payload.q == fingerprint else {
            throw invalid
        }
        let values = try payload.k.map { try decode($0) ?? { throw invalid }() }
        return KeysetCursor(segment: payload.s, values: values)
    }

    private static func encode(_ value: SQLiteValue) -> String {
        switch value {
        case .null: "n"
        case .integer(let integer): "i" + String(integer)
        case .real(let real): "r" + String(real)
        case .text(let text): "t" + text
        case .blob(let bytes): "b" + Data(bytes).base64EncodedString()
        }
    }

    private static func decode(_ text: String) -> SQLiteValue? {
        guard let tag = text.first else { return nil }
        let body = String(text.dropFirst())
        switch tag {
        case "n": return .null
        case "i": return Int64(body).map { .integer($0) }
        case "r": return Double(body).map { .real($0) }
        case "t": return .text(body)
        case "b": return Data(base64Encoded: body).map { .blob(Array($0)) }
        default: return nil
        }
    }

    private static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacing("+", with: "-").replacing("/", with: "_").replacing("=", with: "")
    }

    private static func data(base64URL text: Substring) -> Data? {
        var base64 = text.replacing("-", with: "+").replacing("_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        return Data(base64Encoded: String(base64))
    }
}
