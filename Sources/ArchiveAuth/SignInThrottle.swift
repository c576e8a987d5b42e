import Synchronization

/// Slows down guessing: after `limit` failed sign-ins within `window` for one key (an account's
/// user name, a client's address), that key is refused until the window has passed.
///
/// Every user name counts alike, whether an account has it or not, so that the answer tells
/// nothing about which accounts exist.
public final class SignInThrottle: Sendable {
    private struct Failures {
        var count: Int
        var since: ContinuousClock.Instant
    }

    private let limit: Int
    private let window: Duration
    private let capacity: Int
    private let failures = Mutex<[String: Failures]>([:])

    /// - Parameters:
    ///   - limit: Failures allowed per key within `window`.
    ///   - capacity: How many keys are remembered; past it, the oldest windows are forgotten.
    public init(limit: Int, window: Duration = .seconds(60), capacity: Int = 100_000) {
        self.limit = max(1, limit)
        self.window = window
        self.capacity = capacity
    }

    /// How long `key` must wait before it may try again; nil when it may now.
    public func wait(for key: String, now: ContinuousClock.Instant = .now) -> Duration? {
        failures.withLock { failures in
            guard let entry = failures[key], entry.count >= limit else { return nil }
            let remaining = entry.since + window - now
            guard remaining > .zero else {
                failures[key] = nil
                return nil
            }
            return remaining
        }
    }

    /// Counts a failed sign-in for `key`.
    public func recordFailure(_ key: String, now: ContinuousClock.Instant = .now) {
        failures.withLock { failures in
            if failures.count >= capacity { failures = failures.filter { now - $0.value.since < window } }
            if var entry = failures[key], now - entry.since < window {
                entry.count += 1
                failures[key] = entry
            } else {
                failures[key] = Failures(count: 1, since: now)
            }
        }
    }

    /// Forgets the failures of `key` (after it signed in).
    public func recordSuccess(_ key: String) {
        _ = failures.withLock { $0.removeValue(forKey: key) }
    }
}
