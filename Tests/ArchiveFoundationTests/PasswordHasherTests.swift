import ArchiveCore
import ArchiveAuth
import Testing

@Suite("Password hashes")
struct PasswordHasherTests {
    @Test func aHashVerifiesItsPasswordOnly() {
        let stored = PasswordHasher.hash("Tje0", iterations: 1_000)
        #expect(stored.hasPrefix("pbkdf2-sha256$1000$"))
        #expect(PasswordHasher.verify("Tje0", against: stored))
        #expect(!PasswordHasher.verify("tje0", against: stored))
        #expect(!PasswordHasher.verify("", against: stored))
    }

    @Test func saltsAreRandom() {
        #expect(PasswordHasher.hash("same", iterations: 1_000) != PasswordHasher.hash("same", iterations: 1_000))
    }

    @Test func theDefaultCostIsSlow() {
        #expect(PasswordHasher.hash("x").hasPrefix("pbkdf2-sha256$600000$"))
    }

    @Test func malformedStoredValuesNeverVerify() {
        for stored in ["", "Tje0", "pbkdf2-sha256$1000$abc", "md5$1$a$b", "pbkdf2-sha256$x$AAAA$AAAA", "pbkdf2-sha256$1000$!!$!!"] {
            #expect(!PasswordHasher.verify("Tje0", against: stored))
        }
    }
}
