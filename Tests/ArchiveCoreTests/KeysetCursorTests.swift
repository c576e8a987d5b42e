@testable import ArchiveCore
import ArchiveSQLite
import Foundation
import Testing

/// Cursor tokens: what goes in comes out, and anything changed, foreign or malformed is refused.
@Suite("Keyset cursor tokens")
struct KeysetCursorTests {
    let signer = CursorSigner(key: Array(repeating: 7, count: 32))

    @Test func everyKindOfValueSurvivesTheRoundTrip() throws {
        let cursor = KeysetCursor(segment: 3, values: [
            .null, .integer(-42), .integer(Int64.max), .real(-0.125), .real(1e300),
            .text(""), .text("a;b:c.d"), .text("Østby & Hagen – 東京"), .blob([0, 255, 59, 58]),
        ])
        let token = cursor.encode(fingerprint: "abc123", signer: signer)
        #expect(try KeysetCursor.decode(token, fingerprint: "abc123", signer: signer) == cursor)
        // URL-safe without escaping: base64url letters and one dot.
        #expect(token.allSatisfy { $0.isLetter && $0.isASCII || $0.isNumber || "-_.".contains($0) })
    }

    @Test func aChangedPayloadIsRefused() throws {
        let token = KeysetCursor(segment: 0, values: [.text("Taylor"), .integer(9)]).encode(fingerprint: "f", signer: signer)
        let dot = token.firstIndex(of: ".")!
        // Flip one character of the payload to another base64url letter.
        var characters = Array(token)
        let position = token.distance(from: token.startIndex, to: dot) / 2
        characters[position] = characters[position] == "A" ? "B" : "A"
        expectInvalid(String(characters), fingerprint: "f", signer: signer)
    }

    @Test func aCursorOfAnotherQueryOrAnotherKeyIsRefused() {
        let token = KeysetCursor(segment: 0, values: [.integer(1)]).encode(fingerprint: "query-a", signer: signer)
        expectInvalid(token, fingerprint: "query-b", signer: signer)
        expectInvalid(token, fingerprint: "query-a", signer: CursorSigner(key: Array(repeating: 8, count: 32)))
    }

    @Test(arguments: ["", ".", "abc", "abc.def", "!!!.???", "YQ.YQ", "a.b.c"])
    func malformedTokensAreRefused(token: String) {
        expectInvalid(token, fingerprint: "f", signer: signer)
    }

    @Test func base64URLMatchesFoundationWithTheURLAlphabet() {
        for length in 0...10 {
            let bytes = (0..<length).map { UInt8(($0 * 97 + 251) % 256) }
            let expected = Data(bytes).base64EncodedString()
                .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
            #expect(KeysetCursor.base64URL(bytes) == expected, "\(length) bytes")
        }
    }

    private func expectInvalid(_ token: String, fingerprint: String, signer: CursorSigner, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            _ = try KeysetCursor.decode(token, fingerprint: fingerprint, signer: signer)
            Issue.record("'\(token)' was accepted", sourceLocation: sourceLocation)
        } catch let error as ArchiveError {
            #expect(error.kind == .invalidCursor, sourceLocation: sourceLocation)
        } catch {
            Issue.record("unexpected \(error)", sourceLocation: sourceLocation)
        }
    }
}
