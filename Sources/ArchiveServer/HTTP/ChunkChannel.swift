import Dispatch
import Synchronization

/// Hands the chunks of a response from the thread that reads the database to the task that
/// writes the response, holding at most `capacity` chunks: when the client reads slowly, the
/// reader waits (and its query's time budget does not run meanwhile).
final class ChunkChannel: Sendable {
    enum Event: Sendable {
        case chunk([UInt8])
        case finished
        case failed(any Error)
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

    /// Sends a chunk, waiting for room; false when the consumer has gone.
    @discardableResult
    func send(_ bytes: [UInt8]) -> Bool {
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
        return deliver(.chunk(bytes))
    }

    /// Ends the stream, with an error or without.
    func finish(_ error: (any Error)? = nil) {
        _ = deliver(error.map { .failed($0) } ?? .finished)
    }

    private func deliver(_ event: Event) -> Bool {
        let resumed: CheckedContinuation<Event, Never>? = state.withLock { state in
            if state.cancelled || state.finished { return nil }
            if case .chunk = event {} else { state.finished = true }
            if let consumer = state.consumer {
                state.consumer = nil
                return consumer
            }
            state.events.append(event)
            return nil
        }
        resumed?.resume(returning: event)
        return !isCancelled
    }

    /// The next event, waiting for it.
    func next() async -> Event {
        let event: Event = await withCheckedContinuation { continuation in
            let ready: Event? = state.withLock { state in
                if !state.events.isEmpty { return state.events.removeFirst() }
                state.consumer = continuation
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
        if case .chunk = event { room.signal() }
        return event
    }

    /// The consumer gives up: the producer's next send fails, and a waiting one wakes.
    func cancel() {
        state.withLock { $0.cancelled = true }
        room.signal()
    }
}
