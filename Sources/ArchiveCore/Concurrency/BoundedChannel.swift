import Dispatch
import Synchronization

/// A bounded queue from one producer thread to one consumer thread (a generator and the
/// inserter of a seed, the file reader and the writer of an import).
///
/// The producer blocks when `capacity` elements wait unconsumed, so memory stays bounded however
/// far it runs ahead. The consumer stops the producer with ``cancel()``; the producer ends the
/// stream with ``finish()``.
public final class BoundedChannel<Element: Sendable>: Sendable {
    private struct State {
        var elements: [Element] = []
        var isCancelled = false
    }

    private let state = Mutex(State())
    private let available = DispatchSemaphore(value: 0)
    private let free: DispatchSemaphore

    /// A channel that holds at most `capacity` elements (at least one) unconsumed.
    public init(capacity: Int) {
        // libdispatch traps when a semaphore is released with a value below the one it was created
        // with, so start at zero and raise it instead.
        free = DispatchSemaphore(value: 0)
        for _ in 0..<max(1, capacity) { free.signal() }
    }

    /// Producer: hands over an element; returns false once the consumer has cancelled.
    @discardableResult
    public func send(_ element: Element) -> Bool {
        free.wait()
        let accepted = state.withLock { state -> Bool in
            guard !state.isCancelled else { return false }
            state.elements.append(element)
            return true
        }
        if accepted { available.signal() }
        return accepted
    }

    /// Producer: no more elements will come.
    public func finish() { available.signal() }

    /// Consumer: the next element, or nil once the producer has finished and everything was taken
    /// (and at every call after that).
    public func receive() -> Element? {
        available.wait()
        let element: Element? = state.withLock { $0.elements.isEmpty ? nil : $0.elements.removeFirst() }
        if element != nil { free.signal() } else { available.signal() }  // the end stays the end
        return element
    }

    /// Consumer: stop the producer, waking it if it waits for room.
    public func cancel() {
        state.withLock { $0.isCancelled = true }
        free.signal()
    }
}
