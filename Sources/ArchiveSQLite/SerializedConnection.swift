import Dispatch
import Synchronization

/// A connection together with the serial queue that every use of it runs on.
///
/// This type is `@unchecked Sendable` because the one invariant that makes a non-`Sendable`
/// ``Connection`` safe to share holds by construction: the connection is only touched inside
/// blocks submitted to `queue`, which runs them one at a time: ``run(_:)``'s on a thread outside
/// Swift's cooperative pool (so blocking SQLite calls never starve async tasks), ``runBlocking(_:)``'s
/// on the calling thread, which waits for them. The interrupt handle is
/// the one exception: `sqlite3_interrupt` is safe from any thread, and the handle is dropped
/// (under a lock) before the connection closes, so it is never used on a closed connection.
final class SerializedConnection: @unchecked Sendable {
    private let connection: Connection
    private let queue: DispatchQueue
    private let interruptHandle: Mutex<InterruptHandle?>

    init(label: String, open: () throws -> Connection) rethrows {
        self.connection = try open()
        self.queue = DispatchQueue(label: label)
        self.interruptHandle = Mutex(connection.interruptHandle)
    }

    /// Runs `body` on the connection's queue and returns its result to the awaiting task.
    ///
    /// Cancelling the task interrupts the running statement; work that has not started yet does
    /// not start and fails with `CancellationError`.
    func run<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        let cancelled = CancellationFlag()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                queue.async {
                    guard !cancelled.isSet else { return continuation.resume(throwing: CancellationError()) }
                    continuation.resume(with: Result { try body(self.connection) })
                }
            }
        } onCancel: {
            cancelled.set()
            interruptHandle.withLock { $0?.interrupt() }
        }
    }

    /// Runs `body` on the connection's queue and blocks the calling thread until it returns (an
    /// idle queue runs it on the calling thread). For command-line code, tests, and reads too
    /// short to be worth a hand-off (``DatabasePool/readOnCallingThread(_:)``); other async code
    /// uses ``run(_:)``.
    func runBlocking<T>(_ body: (Connection) throws -> T) rethrows -> T {
        try queue.sync { try body(connection) }
    }

    func close() {
        interruptHandle.withLock { $0 = nil }
        queue.sync { connection.close() }
    }
}

/// A flag set from a cancellation handler and read on a connection's queue.
private final class CancellationFlag: Sendable {
    private let flag = Atomic(false)
    var isSet: Bool { flag.load(ordering: .acquiring) }
    func set() { flag.store(true, ordering: .releasing) }
}
