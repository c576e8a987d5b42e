import Foundation
import Testing

@testable import ArchiveCore

/// The checks and folds every client text goes through before it reaches an engine.
@Suite("Text checks and folds")
struct TextCheckTests {
    @Test func theNULCharacterIsFoundWhereverItIs() {
        #expect(!"".containsNUL)
        #expect(!"Quantum Brewing".containsNUL)
        #expect("\u{0}".containsNUL)
        #expect("ab\u{0}".containsNUL)
        #expect((String(repeating: "ø", count: 5_000) + "\u{0}").containsNUL)
        // A string that is not native UTF-8 (bridged from UTF-16) is checked through its view.
        #expect(String(NSString(string: "utf16 \u{0} text")).containsNUL)
        #expect(!String(NSString(string: "utf16 text")).containsNUL)
    }

    @Test func nocaseFoldingLowersASCIILettersOnly() {
        // As SQLite's NOCASE and the PostgreSQL schema's archive_fold: Å and É stay.
        #expect("ÅsBERG-Écoles_Z".nocaseFolded == "Åsberg-Écoles_z")
        #expect("".nocaseFolded.isEmpty)
        #expect("Berg".nocaseUTF8.lexicographicallyPrecedes("berh".nocaseUTF8))
    }
}
