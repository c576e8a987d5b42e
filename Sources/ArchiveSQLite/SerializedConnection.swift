import Dispatch

/// A connection together with the serial queue that every use of it runs on.
///
/// This type is `@unchecked Sendable` because the one invariant that makes a non-`Sendable`
/// ``Connection`` safe to share holds by construction: the connection is only touched inside
/// blocks submitted to `queue`, which runs them one at a time on a thread outside Swift's
/// cooperative pool (so blocking SQLite calls never starve async tasks). The interrupt handle is
/// the one exception, and `sqlite3_interrupt` is documented as safe from any thread.
final class SerializedConnection: @unchecked Sendable {
    private let connection: Connection
    private let queue: DispatchQueue
    let interruptHandle: InterruptHandle

    init(label: String, open: () throws -> Connection) rethrows {
        self.connection = try open()
        self.queue = DispatchQueue(label: label)
        self.interruptHandle = connection.interruptHandle
    }

    /// Runs `body` on the connection's queue and returns its result to the awaiting task.
    /// Cancelling the task interrupts the running statement.
    func run<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        let interrupt = interruptHandle
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                queue.async {
                    continuation.resume(with: Result { try body(self.connection) })
                }
            }
        } onCancel: {
            interrupt.interrupt()
        }
    }

    /// Runs `body` on the connection's queue and blocks the calling thread until it returns.
    /// For command-line code and tests; async code uses ``run(_:)``.
    func runBlocking<T>(_ body: (Connection) throws -> T) rethrows -> T {
        try queue.sync { try body(connection) }
    }

    func close() { queue.sync { connection.close() } }
}
