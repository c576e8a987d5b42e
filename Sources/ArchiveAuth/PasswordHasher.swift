import Crypto
import _CryptoExtras
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Salted, slow password hashes: PBKDF2-HMAC-SHA256.
///
/// A hash is stored as one self-describing string, so the cost can grow without breaking stored
/// hashes:
///
/// ```
/// pbkdf2-sha256$600000$<salt, base64>$<derived key, base64>
/// ```
///
/// ```swift
/// let stored = PasswordHasher.hash("Tje0")
/// PasswordHasher.verify("Tje0", against: stored)   // true
/// ```
///
/// Verifying costs as much as hashing (about a quarter of a second at the default cost), which is
/// the point; servers should cache successful verifications rather than lower the cost.
public enum PasswordHasher {
    /// OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256.
    public static let defaultIterations = 600_000
    /// The scheme tag at the start of every hash.
    public static let scheme = "pbkdf2-sha256"
    static let saltByteCount = 16
    static let keyByteCount = 32

    /// Hashes a password with a fresh random salt.
    ///
    /// - Parameters:
    ///   - password: The password, as UTF-8.
    ///   - iterations: The PBKDF2 iteration count. Lower counts are only for tests.
    public static func hash(_ password: String, iterations: Int = defaultIterations) -> String {
        var generator = SystemRandomNumberGenerator()
        let salt = (0..<saltByteCount).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return hash(password, salt: salt, iterations: iterations)
    }

    /// Hashes a password with a given salt. Seeded databases use this with a salt derived from
    /// the seed, so that the same seed gives the same file; everything else uses ``hash(_:iterations:)``.
    public static func hash(_ password: String, salt: [UInt8], iterations: Int = defaultIterations) -> String {
        // A failed derivation stores an empty key, which never verifies.
        let key = derive(password, salt: salt, iterations: iterations) ?? []
        return "\(scheme)$\(iterations)$\(Data(salt).base64EncodedString())$\(Data(key).base64EncodedString())"
    }

    /// Checks a password against a stored hash, in time that does not depend on where they differ.
    ///
    /// - Returns: False for a wrong password and for a stored value that is not a hash of this scheme.
    public static func verify(_ password: String, against stored: String) -> Bool {
        let parts = stored.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == scheme,
            let iterations = Int(parts[1]), iterations > 0, iterations <= 10_000_000,
            let salt = Data(base64Encoded: String(parts[2])),
            let expected = Data(base64Encoded: String(parts[3])), expected.count == keyByteCount
        else { return false }
        guard let actual = derive(password, salt: Array(salt), iterations: iterations) else { return false }
        var difference: UInt8 = 0
        for (left, right) in zip(actual, expected) { difference |= left ^ right }
        return difference == 0
    }

    /// The derived key, or nil if BoringSSL failed (it can only fail to allocate).
    private static func derive(_ password: String, salt: [UInt8], iterations: Int) -> [UInt8]? {
        // The checked API refuses fewer than 210,000 rounds; tests deliberately use fewer.
        let key = try? KDF.Insecure.PBKDF2.deriveKey(
            from: Array(password.utf8),
            salt: salt,
            using: .sha256,
            outputByteCount: keyByteCount,
            unsafeUncheckedRounds: max(1, iterations)
        )
        return key?.withUnsafeBytes { Array($0) }
    }
}
