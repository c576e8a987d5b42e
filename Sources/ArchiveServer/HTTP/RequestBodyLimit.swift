import HTTPTypes
import Hummingbird
import NIOCore

extension Request {
    /// The whole body, up to `limit` bytes.
    ///
    /// - Throws: ``APIError`` 413 for a larger body, saying how much the endpoint reads.
    mutating func collectBody(atMost limit: Int) async throws -> ByteBuffer {
        do {
            return try await collectBody(upTo: limit)
        } catch is NIOTooManyBytesError {
            let size = limit % (1 << 20) == 0 ? "\(limit >> 20) MiB" : "\(limit >> 10) KiB"
            throw APIError(.contentTooLarge, "ContentTooLarge", "the request body is over \(size), the most this endpoint reads", source: "Body")
        }
    }
}
