import ArchiveCore
import Dispatch

/// Runs async PostgresNIO calls for synchronous callers (the loader feeds `COPY` from a loop).
///
/// The calling thread waits on a semaphore while a task does the async work. The task runs on
/// a dispatch queue of its own rather than Swift's cooperative pool: a caller that is itself a
/// thread of that pool would otherwise hold one while waiting for a task that needs one, which
/// on a small machine can wait forever.
enum BlockingBridge {
    static func wait<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) throws -> T {
        let done = DispatchSemaphore(value: 0)
        // The semaphore orders the task's write before the thread's read.
        let result = Handoff<Result<T, any Error>?>(nil)
        Task(executorPreference: QueueExecutor.shared) {
            do { result.value = .success(try await work()) } catch { result.value = .failure(error) }
            done.signal()
        }
        done.wait()
        return try result.value!.get()
    }
}

/// A task executor on one dispatch queue, outside the cooperative pool.
private final class QueueExecutor: TaskExecutor {
    static let shared = QueueExecutor()
    private let queue = DispatchQueue(label: "archive.postgres.bridge")

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}

/// A value handed between the waiting thread and the task that works for it. Only one of them
/// touches it at a time: the thread waits on the semaphore while the task runs.
final class Handoff<Value>: @unchecked Sendable {
    var value: Value
    init(_ value: Value) { self.value = value }
}
