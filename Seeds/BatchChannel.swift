import ArchiveCore
import ArchiveSQLite
import Dispatch
import Synchronization

/// A bounded queue of row batches from one producer thread to one consumer.
///
/// The producer blocks when `capacity` batches wait unconsumed, so memory stays bounded however
/// far generation runs ahead of insertion. The consumer stops the producer with ``cancel()``; the
/// producer ends the stream with ``finish()``.
final class BatchChannel: Sendable {
    private struct State {
        var batches: [[[DatabaseValue]]] = []
        var isCancelled = false
    }

    private let state = Mutex(State())
    private let available = DispatchSemaphore(value: 0)
    private let free: DispatchSemaphore

    init(capacity: Int) {
        // libdispatch traps when a semaphore is released with a value below the one it was created
        // with, so start at zero and raise it instead.
        free = DispatchSemaphore(value: 0)
        for _ in 0..<capacity { free.signal() }
    }

    /// Producer: hands over a batch; returns false once the consumer has cancelled.
    func send(_ batch: [[DatabaseValue]]) -> Bool {
        free.wait()
        let accepted = state.withLock { state -> Bool in
            guard !state.isCancelled else { return false }
            state.batches.append(batch)
            return true
        }
        if accepted { available.signal() }
        return accepted
    }

    /// Producer: no more batches will come.
    func finish() { available.signal() }

    /// Consumer: the next batch, or nil when the producer has finished and everything was taken.
    func receive() -> [[DatabaseValue]]? {
        available.wait()
        let batch: [[DatabaseValue]]? = state.withLock { $0.batches.isEmpty ? nil : $0.batches.removeFirst() }
        if batch != nil { free.signal() }
        return batch
    }

    /// Consumer: stop the producer, waking it if it waits for room.
    func cancel() {
        state.withLock { $0.isCancelled = true }
        free.signal()
    }
}
