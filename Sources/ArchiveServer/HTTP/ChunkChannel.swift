import Dispatch
import Synchronization

/// Hands the chunks of a response from the thread that reads the database to the task that
/// writes the response, holding at most `capacity` chunks (the producer may keep one more of its
/// own, see ``StreamedResponse``): when the client reads slowly, the reader waits (and its
/// query's time budget does not run meanwhile).
final class ChunkChannel: Sendable {
    enum Event: Sendable {
        case chunk([UInt8])
        case finished
        case failed(any Error)

        var isChunk: Bool {
            if case .chunk = self { true } else { false }
        }
    }

    private struct State: ~Copyable {
        var events: [Event] = []
        var consumer: CheckedContinuation<Event, Never>?
        var cancelled = false
        var finished = false
    }

    private let state = Mutex(State())
    private let room: DispatchSemaphore
    /// Time the producer spent waiting for room, in nanoseconds.
    private let waited = Atomic<Int64>(0)

    /// How long the producer waits for a client that does not read before giving up on it.
    let stallLimit: Duration

    init(capacity: Int = 8, stallLimit: Duration = .seconds(60)) {
        // Created at 0 and raised, so that freeing it with chunks unread is not "in use"
        // (libdispatch stops the process when a semaphore is freed below its initial value).
        room = DispatchSemaphore(value: 0)
        for _ in 0..<capacity { room.signal() }
        self.stallLimit = stallLimit
    }

    /// True once the consumer went away (the client disconnected).
    var isCancelled: Bool { state.withLock { $0.cancelled } }

    /// How long the producer has waited for the consumer.
    var waitedTime: Duration { .nanoseconds(waited.load(ordering: .relaxed)) }

    /// Sends a chunk, waiting for room; false when the consumer has gone. The last chunk of a
    /// body goes with its end (`isLast`), so that the consumer sees a body of one chunk whole.
    @discardableResult
    func send(_ bytes: [UInt8], isLast: Bool = false) -> Bool {
        guard !isCancelled else { return false }
        let start = ContinuousClock.now
        let limit = stallLimit.components
        guard room.wait(timeout: .now() + .nanoseconds(Int(limit.seconds) * 1_000_000_000 + Int(limit.attoseconds / 1_000_000_000))) == .success else {
            // The client stopped reading: give the reader connection back rather than wait on.
            cancel()
            return false
        }
        let elapsed = ContinuousClock.now - start
        waited.add(elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000, ordering: .relaxed)
        return deliver(isLast ? [.chunk(bytes), .finished] : [.chunk(bytes)])
    }

    /// Ends the stream, with an error or without.
    func finish(_ error: (any Error)? = nil) {
        _ = deliver([error.map { .failed($0) } ?? .finished])
    }

    /// Queues `events` at once: a consumer woken by the first finds the rest already there.
    private func deliver(_ events: [Event]) -> Bool {
        let resumed: (CheckedContinuation<Event, Never>, Event)? = state.withLock { state in
            if state.cancelled || state.finished { return nil }
            var queued = events[...]
            if let last = events.last, !last.isChunk { state.finished = true }
            if let consumer = state.consumer, let first = queued.popFirst() {
                state.consumer = nil
                state.events.append(contentsOf: queued)
                return (consumer, first)
            }
            state.events.append(contentsOf: queued)
            return nil
        }
        if let (consumer, event) = resumed { consumer.resume(returning: event) }
        return !isCancelled
    }

    /// True, and the end taken, when all that is left is the end of the body without an error:
    /// the consumer has every chunk already.
    func takeEnd() -> Bool {
        state.withLock { state in
            guard state.events.count == 1, case .finished = state.events[0] else { return false }
            state.events.removeAll()
            return true
        }
    }

    /// The next event, waiting for it.
    func next() async -> Event {
        let event: Event = await withCheckedContinuation { continuation in
            let ready: Event? = state.withLock { state in
                if !state.events.isEmpty { return state.events.removeFirst() }
                if state.cancelled { return .failed(CancellationError()) }
                state.consumer = continuation
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
        if case .chunk = event { room.signal() }
        return event
    }

    /// The consumer gives up: the producer's next send fails, and a waiting one wakes; so does
    /// a consumer waiting for the next event (with `CancellationError`), since nothing more will
    /// be delivered.
    func cancel() {
        let waiting = state.withLock { state -> CheckedContinuation<Event, Never>? in
            state.cancelled = true
            defer { state.consumer = nil }
            return state.consumer
        }
        waiting?.resume(returning: .failed(CancellationError()))
        room.signal()
    }
}
