@testable import ArchiveStore
import Testing

/// The fingerprints by which an import recognizes a group of values it wrote before.
@Suite("Import fingerprints")
struct ImportFingerprintTests {
    func fingerprint(_ values: [ImportValue]) -> Int {
        var fingerprint = ImportFingerprint()
        for value in values { value.fingerprint(into: &fingerprint) }
        return fingerprint.finalize()
    }

    @Test func equalValuesGiveEqualFingerprints() {
        let values: [ImportValue] = [.text("Berg, Ingrid"), .integer(42), .decimal(2.5), .bool(true), .null, .ids([3, 4])]
        #expect(fingerprint(values) == fingerprint(values))
    }

    @Test func anyDifferenceGivesAnotherFingerprint() {
        let base = fingerprint([.text("ab"), .text("c")])
        let others: [[ImportValue]] = [
            [.text("a"), .text("bc")],  // the same bytes, cut elsewhere
            [.text("c"), .text("ab")],  // another order
            [.text("ab"), .text("d")],
            [.text("ab"), .text("c"), .null],
            [.text("ab")],
        ]
        for other in others { #expect(fingerprint(other) != base, "\(other)") }
        // Kinds apart: a flag is not a number, nothing is not empty text, one id is not a number.
        #expect(fingerprint([.bool(true)]) != fingerprint([.integer(1)]))
        #expect(fingerprint([.null]) != fingerprint([.text("")]))
        #expect(fingerprint([.ids([7])]) != fingerprint([.integer(7)]))
        #expect(fingerprint([.ids([1, 2])]) != fingerprint([.ids([2, 1])]))
        // A change past the first words of a long text, and in its last bytes.
        let long = String(repeating: "x", count: 100)
        #expect(fingerprint([.text(long + "a")]) != fingerprint([.text(long + "b")]))
        #expect(fingerprint([.text("y" + long)]) != fingerprint([.text("z" + long)]))
    }
}
