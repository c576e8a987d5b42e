public import Foundation

/// Converts between UTC instants (seconds since 1970) and local wall-clock time in one zone.
///
/// "Local seconds" are the wall-clock time counted as if it were UTC, so that date arithmetic on
/// them is plain integer arithmetic. The zone's offset is looked up once per daylight-saving
/// period and cached, since rows come roughly in time order.
public final class ZonedClock: @unchecked Sendable {
    // The cache is only touched by the thread that owns the query being formatted; the class is
    // @unchecked Sendable so that it can sit in a Sendable context value, never shared in use.
    /// The zone whose wall-clock time the clock converts to and from.
    public let zone: TimeZone
    private let isUTC: Bool
    private var cachedRange: Range<Int64> = 0..<0
    private var cachedOffset: Int64 = 0

    /// UTC: shared, since it never touches the cache.
    public static let utc = ZonedClock(zone: TimeZone(identifier: "UTC")!)

    /// A clock for `zone`; UTC and GMT are recognised by name and never look offsets up.
    public init(zone: TimeZone) {
        self.zone = zone
        self.isUTC = ["UTC", "GMT", "Etc/UTC", "Etc/GMT", "Z"].contains(zone.identifier)
    }

    /// The zone's offset from UTC at an instant, in seconds.
    public func offset(atUTC seconds: Int64) -> Int64 {
        if isUTC { return 0 }
        if cachedRange.contains(seconds) { return cachedOffset }
        let date = Date(timeIntervalSince1970: TimeInterval(seconds))
        let offset = Int64(zone.secondsFromGMT(for: date))
        // The offset holds from the last transition at or before `seconds` to the next one.
        let next = zone.nextDaylightSavingTimeTransition(after: date).map { Int64($0.timeIntervalSince1970) } ?? Int64.max
        var start = seconds - 400 * 86_400
        while let transition = zone.nextDaylightSavingTimeTransition(after: Date(timeIntervalSince1970: TimeInterval(start))),
            Int64(transition.timeIntervalSince1970) <= seconds, Int64(transition.timeIntervalSince1970) > start
        {
            start = Int64(transition.timeIntervalSince1970)
        }
        cachedRange = start..<max(next, seconds + 1)
        cachedOffset = offset
        return offset
    }

    /// The local wall-clock time (in local seconds) of a UTC instant.
    public func local(fromUTC seconds: Int64) -> Int64 { seconds + offset(atUTC: seconds) }

    /// The UTC instant of a local wall-clock time (around a daylight-saving change, the instant
    /// found with the offset in force just after it).
    public func utc(fromLocal local: Int64) -> Int64 {
        let guess = local - offset(atUTC: local)
        return local - offset(atUTC: guess)
    }

    /// The local calendar day of an instant, as days since 1970-01-01.
    func localDay(ofUTC seconds: Int64) -> Int64 { StoredDateTime.floorDivide(local(fromUTC: seconds), 86_400).quotient }

    /// The instant a local day begins.
    func utcStart(ofLocalDay day: Int64) -> Int64 { utc(fromLocal: day * 86_400) }
}
