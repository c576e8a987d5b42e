import ArchiveCore
import CompressNIO
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// gzip for clients that ask for it (`Accept-Encoding: gzip`), applied to a finished response:
/// the body is compressed as it streams, so a large page still goes out in constant memory.
///
/// Small bodies (under ``minimumSize`` bytes, when their length is known) and bodies that are
/// already encoded go out as they are. Every response that could have been compressed says
/// `Vary: Accept-Encoding`, so that caches keep the two forms apart.
enum ResponseCompression {
    /// Below this, gzip's header and the CPU time cost more than the bytes saved.
    static let minimumSize = 1_024

    static func apply(to response: inout Response, acceptEncoding: String?) {
        guard response.status != .noContent, response.status != .notModified, response.headers[.contentEncoding] == nil else { return }
        if let length = response.body.contentLength, length < minimumSize { return }
        response.headers[values: .vary].append("Accept-Encoding")
        guard accepts("gzip", in: acceptEncoding) else { return }
        response.headers[.contentEncoding] = "gzip"
        response.headers[.contentLength] = nil
        let body = response.body
        response.body = ResponseBody { writer in
            let compressing = try GzipBodyWriter(parent: writer)
            try await body.write(compressing)
        }
    }

    /// Whether an `Accept-Encoding` value allows `coding` (RFC 9110 §12.5.3): named with a
    /// quality above 0, or covered by `*` when not named. An explicit `gzip;q=0` refuses it.
    static func accepts(_ coding: String, in header: String?) -> Bool {
        guard let header else { return false }
        var named: Double?, wildcard: Double?
        for item in header.split(separator: ",") {
            let parts = item.split(separator: ";").map { $0.trimmingBlanks().lowercased() }
            guard let name = parts.first, !name.isEmpty else { continue }
            var quality = 1.0
            for parameter in parts.dropFirst() where parameter.hasPrefix("q=") { quality = Double(parameter.dropFirst(2)) ?? 0 }
            if name == coding || (coding == "gzip" && name == "x-gzip") { named = quality } else if name == "*" { wildcard = quality }
        }
        return (named ?? wildcard ?? 0) > 0
    }
}

/// Compresses what is written to it and passes the gzip stream on to `parent`.
final class GzipBodyWriter: ResponseBodyWriter {
    private var parent: any ResponseBodyWriter
    private let compressor: ZlibCompressor
    private var window = ByteBufferAllocator().buffer(capacity: 64 * 1024)

    init(parent: any ResponseBodyWriter) throws {
        self.parent = parent
        compressor = try ZlibCompressor(algorithm: .gzip)
    }

    func write(_ buffer: ByteBuffer) async throws {
        // A sync flush per chunk: the client sees each part of a long stream as it is written.
        try await forward(compress(buffer, flush: .sync))
    }

    func finish(_ trailingHeaders: HTTPFields?) async throws {
        try await forward(compress(ByteBuffer(), flush: .finish))
        try await parent.finish(trailingHeaders)
    }

    private func compress(_ buffer: ByteBuffer, flush: CompressNIOFlush) throws -> [ByteBuffer] {
        var input = buffer
        var output: [ByteBuffer] = []
        try input.compressStream(with: compressor, window: &window, flush: flush) { output.append($0) }
        return output
    }

    private func forward(_ buffers: [ByteBuffer]) async throws {
        for buffer in buffers { try await parent.write(buffer) }
    }
}
