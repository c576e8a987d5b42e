import ArchiveCore
import ArchiveQueryLanguage
import Hummingbird
import HTTPTypes
import Synchronization

/// A response whose body a query writes as it reads rows, on a reader connection.
///
/// The body is handed to the response in chunks through a ``ChunkChannel``, so a large page is
/// never held in memory. A body that ends with its first chunk (a page under the page writer's
/// 256 KiB, an export under its 64 KiB) is answered whole instead, with `Content-Length`
/// (unless gzip then compresses it), in one write. Everything that can fail before the first
/// byte (options, columns, a timeout) fails before the status is sent, and is answered with its
/// error status; later, the body ends early, which tells the client the response is incomplete.
enum StreamedResponse {
    /// An error thrown inside the reader when the client has gone away.
    struct ClientGone: Error {}

    /// Runs `produce` on a reader under the server's query time limit, and answers what it emits.
    ///
    /// - Parameter produce: writes the body through `emit` (which throws ``ClientGone`` once the
    ///   client has left).
    static func make(
        service: ArchiveService, contentType: String, headers: HTTPFields = [:],
        produce: @escaping @Sendable (any ArchiveDatabase, _ emit: @escaping ([UInt8]) throws -> Void) throws -> Void
    ) async throws -> Response {
        let timeout = service.configuration.queryTimeout
        let channel = ChunkChannel()

        // The reader: runs the query under the time limit and writes the body.
        let producer = Task {
            do {
                // The limit counts the database's time, not the time spent waiting for the client.
                let deadline = QueryDeadline(limit: timeout, waited: { channel.waitedTime })
                try await service.archive.read(until: { channel.isCancelled || deadline.isPast }) { database in
                    // One chunk is held back, so that the last goes with the end of the body.
                    var heldBack: [UInt8]?
                    try produce(database) { bytes in
                        if let heldBack { guard channel.send(heldBack) else { throw ClientGone() } }
                        heldBack = bytes
                    }
                    if let heldBack { guard channel.send(heldBack, isLast: true) else { throw ClientGone() } }
                }
                channel.finish()
            } catch {
                channel.finish(error)
            }
        }

        // Whatever happens to the response from here (the client leaves before the first byte,
        // or the server drops the body when it cannot send the head), the reader is released.
        let guardian = StreamGuard(channel: channel, producer: producer)
        let first = await withTaskCancellationHandler {
            await channel.next()
        } onCancel: {
            guardian.release()
        }
        switch first {
        case .failed(let error):
            throw error
        case .finished:
            throw APIError(.internalServerError, "InternalError", "the page ended before it began")
        case .chunk(let first) where channel.takeEnd():
            // The whole body at once (most pages): sent with its length, in one write.
            withExtendedLifetime(guardian) {}
            return Response(status: .ok, headers: fields(headers, contentType), body: ResponseBody(byteBuffer: ByteBuffer(bytes: first)))
        case .chunk(let first):
            let body = ResponseBody { writer in
                defer { withExtendedLifetime(guardian) {} }
                do {
                    try await writer.write(ByteBuffer(bytes: first))
                    loop: while true {
                        switch await channel.next() {
                        case .chunk(let bytes): try await writer.write(ByteBuffer(bytes: bytes))
                        case .finished: break loop
                        // Too late for an error status: ending the body early tells the client
                        // the response is incomplete.
                        case .failed(let error): throw error
                        }
                    }
                    try await writer.finish(nil)
                } catch {
                    guardian.release()
                    throw error
                }
            }
            return Response(status: .ok, headers: fields(headers, contentType), body: body)
        }
    }

    private static func fields(_ headers: HTTPFields, _ contentType: String) -> HTTPFields {
        var fields = headers
        fields[.contentType] = contentType
        return fields
    }

    /// A query's time limit, counted from the first time it is asked (when the statement starts
    /// working), less the time spent waiting for the client.
    final class QueryDeadline: Sendable {
        private let limit: Duration
        private let waited: @Sendable () -> Duration
        private let started = Mutex<ContinuousClock.Instant?>(nil)

        init(limit: Duration, waited: @escaping @Sendable () -> Duration) {
            self.limit = limit
            self.waited = waited
        }

        var isPast: Bool {
            let now = ContinuousClock.now
            let start = started.withLock { started in
                if started == nil { started = now }
                return started!
            }
            return now - start - waited() > limit
        }
    }

    /// Stops the query and frees its reader when released, or when the response that owns it
    /// goes away without reading to the end (its body closure is dropped unrun).
    final class StreamGuard: Sendable {
        let channel: ChunkChannel
        let producer: Task<Void, Never>

        init(channel: ChunkChannel, producer: Task<Void, Never>) {
            self.channel = channel
            self.producer = producer
        }

        func release() {
            channel.cancel()
            producer.cancel()
        }

        deinit { release() }
    }
}
