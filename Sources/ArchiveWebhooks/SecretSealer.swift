import Crypto
import Foundation

/// Seals webhook secrets for storage (AES-GCM with a key derived from the server's key file), so
/// that the archive holds them only encrypted and the server can still sign with them.
public struct SecretSealer: Sendable {
    /// The key's bytes (`SymmetricKey` is not `Sendable`).
    private let keyBytes: [UInt8]
    private var key: SymmetricKey { SymmetricKey(data: keyBytes) }

    /// A sealer of `keyFile`'s contents (at least 32 bytes, as `--cursor-key-file`).
    public init(keyFileContents: [UInt8]) throws {
        guard keyFileContents.count >= 32 else { throw SecretSealerError.shortKey(keyFileContents.count) }
        // A distinct key for this use, whatever else the file's bytes key.
        keyBytes = Array(SHA256.hash(data: Array("archive webhook secrets\u{0}".utf8) + keyFileContents))
    }

    /// The secret sealed: base64 of nonce, ciphertext and tag.
    public func seal(_ secret: String) throws -> String {
        guard let combined = try AES.GCM.seal(Data(secret.utf8), using: key).combined else { throw SecretSealerError.cannotOpen }
        return combined.base64EncodedString()
    }

    /// The secret a sealed value holds.
    ///
    /// - Throws: ``SecretSealerError/cannotOpen`` when it was sealed with another key file.
    public func open(_ sealed: String) throws -> String {
        guard let data = Data(base64Encoded: sealed), let box = try? AES.GCM.SealedBox(combined: data),
            let opened = try? AES.GCM.open(box, using: key)
        else { throw SecretSealerError.cannotOpen }
        return String(decoding: opened, as: UTF8.self)
    }
}

/// Why a secret cannot be sealed or opened.
public enum SecretSealerError: Error, Sendable, Equatable, CustomStringConvertible {
    case shortKey(Int)
    case cannotOpen
    /// The server was given no key, and a webhook has a secret sealed with one.
    case noKey

    public var description: String {
        switch self {
        case .shortKey(let count): "the webhook key file holds \(count) bytes; it needs at least 32 (head -c 32 /dev/urandom > FILE)"
        case .cannotOpen: "a webhook secret cannot be opened with this key file: it was sealed with another"
        case .noKey: "the webhook has a secret, and this server was started without the webhook key file that opens it (archive serve --webhook-key-file)"
        }
    }
}
