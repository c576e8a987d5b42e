import Crypto
import Foundation

/// An opaque position in a query's order: the segment and the key values of the last row of a
/// page (the rows after it are the next page), or of the first row (with `backward`: the rows
/// before it are the previous page), signed so that a tampered token, or one from another
/// query, is recognised.
///
/// Token: `base64url(payload) "." base64url(first 16 bytes of HMAC-SHA256)`. The segment is
/// always numbered in the query's own order, whichever way the cursor reads.
struct KeysetCursor: Equatable {
    let segment: Int
    let values: [DatabaseValue]
    var backward = false

    func encode(fingerprint: String, signer: CursorSigner) -> String {
        // `1;<fingerprint>;<segment>;` (`1-;…` backward) then each value: `n`, `i<int>;`, `r<double>;`, `t<length>:<text>`.
        var payload: [UInt8] = []
        payload.reserveCapacity(64)
        func append(_ text: String) { payload.append(contentsOf: text.utf8) }
        append(backward ? "1-;" : "1;"); append(fingerprint); append(";"); append(String(segment)); append(";")
        for value in values {
            switch value {
            case .null: append("n")
            case .integer(let integer): append("i"); append(String(integer)); append(";")
            case .real(let real): append("r"); append("\(real)"); append(";")
            case .text(let string): append("t"); append(String(string.utf8.count)); append(":"); append(string)
            case .blob(let bytes): append("b"); append(Data(bytes).base64EncodedString()); append(";")
            }
        }
        var token: [UInt8] = []
        token.reserveCapacity((payload.count + 16) * 4 / 3 + 4)
        Self.appendBase64URL(payload, to: &token)
        token.append(UInt8(ascii: "."))
        Self.appendBase64URL(signer.signature(of: payload), to: &token)
        return String(decoding: token, as: UTF8.self)
    }

    static func decode(_ token: String, fingerprint: String, signer: CursorSigner) throws -> KeysetCursor {
        let invalid = ArchiveError(.invalidCursor, "the $skiptoken is not valid for this query: it was changed, or it belongs to another query")
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let payload = data(base64URL: parts[0]), let signature = data(base64URL: parts[1]), signature.count == 16 else {
            throw invalid
        }
        let expected = signer.signature(of: Array(payload))
        // Constant-time comparison of the truncated code.
        var difference: UInt8 = 0
        for (left, right) in zip(expected, signature) { difference |= left ^ right }
        guard difference == 0 else { throw invalid }
        var reader = PayloadReader(bytes: Array(payload))
        let version = reader.field()
        guard version == "1" || version == "1-", reader.field() == fingerprint, let segment = reader.field().flatMap({ Int($0) }) else { throw invalid }
        var values: [DatabaseValue] = []
        while !reader.isAtEnd {
            guard let value = reader.value() else { throw invalid }
            values.append(value)
        }
        return KeysetCursor(segment: segment, values: values, backward: version == "1-")
    }

    /// Whether a token reads backward (a previous page), from its payload alone: the signature
    /// is checked when the token is decoded.
    static func isBackward(_ token: String) -> Bool {
        guard let encoded = token.split(separator: ".", omittingEmptySubsequences: false).first,
            let payload = data(base64URL: encoded.prefix(8))
        else { return false }
        return payload.starts(with: Array("1-;".utf8))
    }

    /// Reads the signed payload back.
    private struct PayloadReader {
        let bytes: [UInt8]
        var index = 0

        var isAtEnd: Bool { index >= bytes.count }

        /// Text up to the next `;` (consumed).
        mutating func field() -> String? {
            guard index < bytes.count, let end = bytes[index...].firstIndex(of: UInt8(ascii: ";")) else { return nil }
            defer { index = end + 1 }
            return String(decoding: bytes[index..<end], as: UTF8.self)
        }

        mutating func value() -> DatabaseValue? {
            let tag = bytes[index]
            index += 1
            switch tag {
            case UInt8(ascii: "n"): return .null
            case UInt8(ascii: "i"): return field().flatMap { Int64($0) }.map { .integer($0) }
            case UInt8(ascii: "r"): return field().flatMap { Double($0) }.map { .real($0) }
            case UInt8(ascii: "b"): return field().flatMap { Data(base64Encoded: $0) }.map { .blob(Array($0)) }
            case UInt8(ascii: "t"):
                guard index < bytes.count, let colon = bytes[index...].firstIndex(of: UInt8(ascii: ":")),
                    let length = Int(String(decoding: bytes[index..<colon], as: UTF8.self)), length >= 0, colon + 1 + length <= bytes.count
                else { return nil }
                defer { index = colon + 1 + length }
                return .text(String(decoding: bytes[(colon + 1)..<(colon + 1 + length)], as: UTF8.self))
            default: return nil
            }
        }
    }

    /// Base64 with the URL-safe alphabet and no padding (RFC 4648 §5).
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    static func base64URL(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        appendBase64URL(bytes, to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    private static func appendBase64URL(_ bytes: [UInt8], to output: inout [UInt8]) {
        var index = 0
        while index + 3 <= bytes.count {
            let chunk = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2])
            output.append(alphabet[Int(chunk >> 18 & 63)])
            output.append(alphabet[Int(chunk >> 12 & 63)])
            output.append(alphabet[Int(chunk >> 6 & 63)])
            output.append(alphabet[Int(chunk & 63)])
            index += 3
        }
        let rest = bytes.count - index
        if rest > 0 {
            let chunk = UInt32(bytes[index]) << 16 | (rest == 2 ? UInt32(bytes[index + 1]) << 8 : 0)
            output.append(alphabet[Int(chunk >> 18 & 63)])
            output.append(alphabet[Int(chunk >> 12 & 63)])
            if rest == 2 { output.append(alphabet[Int(chunk >> 6 & 63)]) }
        }
    }

    private static func data(base64URL text: Substring) -> Data? {
        var bytes = text.utf8.map { byte -> UInt8 in
            switch byte {
            case UInt8(ascii: "-"): UInt8(ascii: "+")
            case UInt8(ascii: "_"): UInt8(ascii: "/")
            default: byte
            }
        }
        while bytes.count % 4 != 0 { bytes.append(UInt8(ascii: "=")) }
        return Data(base64Encoded: Data(bytes))
    }
}
