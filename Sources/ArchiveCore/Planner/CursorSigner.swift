import Crypto
import Foundation

/// Signs and checks keyset cursors with HMAC-SHA256 under one secret.
///
/// The keyed state (the hash of the padded key) is computed once, so signing a cursor hashes
/// only the cursor itself.
struct CursorSigner: @unchecked Sendable {
    // `HMAC` is a value type that is not marked `Sendable`; this one is never mutated in place
    // (each use works on a copy, and the hashers copy their state on write).
    private let keyed: HMAC<SHA256>

    init(key: [UInt8]) {
        keyed = HMAC<SHA256>(key: SymmetricKey(data: key))
    }

    /// The first 16 bytes of the HMAC of `payload`.
    func signature(of payload: [UInt8]) -> [UInt8] {
        var hmac = keyed
        // One contiguous region: the generic `DataProtocol` walk has a single step.
        payload.withUnsafeBytes { hmac.update(data: $0) }
        return hmac.finalize().withUnsafeBytes { Array($0.prefix(16)) }
    }
}
