import ArchiveSQLite
import Dispatch
import Synchronization

/// A bounded queue of row batches from one producer thread to one consumer.
///
/// The producer blocks when `capacity` batches wait unconsumed, so memory stays bounded however
/// far generation runs ahead of insertion. Either side can stop the other: the consumer by
/// ``cancel()``, the producer by ``finish()``.
final class BatchChannel: Sendable {
    private let batches = Mutex<[[[SQLiteValue]]]>([])
    private let state = Mutex(State())
    private let available = DispatchSemaphore(value: 0)
    private let free: DispatchSemaphore

    private struct State {
        var isFinished = false
        var isCancelled = false
    }

    init(capacity: Int) {
        // libdispatch traps when a semaphore is released with a value below the one it was created
        // with, so start at zero and raise it instead.
        free = DispatchSemaphore(value: 0)
        for _ in 0..<capacity { free.signal() }
    }

    /// Producer: hands over a batch; returns false once the consumer has cancelled.
    func send(_ batch: [[SQLiteValue]]) -> Bool {
        free.wait()
        if state.withLock({ $0.isCancelled }) { return false }
        batches.withLock { $0.append(batch) }
        available.signal()
        return true
    }

    /// Producer: no more batches will come.
    func finish() {
        state.withLock { $0.isFinished = true }
        available.signal()
    }

    /// Consumer: the next batch, or nil when the producer has finished and everything was taken.
    func receive() -> [[SQLiteValue]]? {
        available.wait()
        let batch: [[SQLiteValue]]? = batches.withLock { $0.isEmpty ? nil : $0.removeFirst() }
        if batch != nil { free.signal() }
        return batch
    }

    /// Consumer: stop the producer (it may be waiting for room).
    func cancel() {
        state.withLock { $0.isCancelled = true }
        free.signal()
    }
}
