import Dispatch
import Synchronization

/// Runs password hashes off the event loops, fairly: at most `width` at once, one at a time per
/// client address, and when a hash ends, the next turn goes to another address's first waiter
/// before the same address's next. A flood of wrong passwords from one address then holds one
/// hashing slot at most, and another address's first sign-in waits for one hash at most.
final class PasswordHashing: Sendable {
    private struct Waiter {
        let address: String
        let continuation: CheckedContinuation<Void, Never>
    }

    private struct State {
        var running = 0
        var busyAddresses: Set<String> = []
        var waiting: [Waiter] = []
    }

    private let width: Int
    private let state = Mutex(State())

    /// - Parameter width: How many hashes may run at once (each takes a core while it runs).
    init(width: Int) {
        self.width = max(1, width)
    }

    /// Runs `work` when a slot is free and no other hash of `address` runs, unless `stillWanted`
    /// (asked once the turn has come: a throttle may have closed meanwhile) says no; then nil.
    func run<Result: Sendable>(
        address: String, stillWanted: @Sendable () -> Bool = { true }, _ work: @escaping @Sendable () -> Result
    ) async -> Result? {
        await acquire(address)
        defer { release(address) }
        guard stillWanted() else { return nil }
        return await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async { continuation.resume(returning: work()) }
        }
    }

    private func acquire(_ address: String) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let admitted = state.withLock { state -> Bool in
                guard state.running < width, !state.busyAddresses.contains(address) else {
                    state.waiting.append(Waiter(address: address, continuation: continuation))
                    return false
                }
                state.running += 1
                state.busyAddresses.insert(address)
                return true
            }
            if admitted { continuation.resume() }
        }
    }

    /// Frees the slot and `address`, and admits the first waiter of another address that is not
    /// hashing, else `address`'s own next.
    private func release(_ address: String) {
        let next = state.withLock { state -> Waiter? in
            state.running -= 1
            state.busyAddresses.remove(address)
            let busy = state.busyAddresses
            guard let index = state.waiting.firstIndex(where: { $0.address != address && !busy.contains($0.address) })
                ?? state.waiting.firstIndex(where: { !busy.contains($0.address) })
            else { return nil }
            let waiter = state.waiting.remove(at: index)
            state.running += 1
            state.busyAddresses.insert(waiter.address)
            return waiter
        }
        next?.continuation.resume()
    }
}
