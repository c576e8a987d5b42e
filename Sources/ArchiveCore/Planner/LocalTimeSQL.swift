import Foundation

/// Moves a stored UTC datetime into a time zone. For engines without time-zone data (SQLite) the
/// zone's offsets over a span are written out as a CASE over its daylight-saving changes, newest
/// first, so that recent rows (most rows) take the first branches; the instants and offsets come
/// from the zone database, never from the client.
struct LocalTimeSQL {
    let clock: ZonedClock
    /// The instants the CASE covers; outside them the nearest offset applies.
    let span: ClosedRange<Int64>

    /// From 1970 to `years` after `now`: wide enough that rows written later still convert right.
    init(clock: ZonedClock, now: Int64, years: Int64 = 5) {
        self.clock = clock
        self.span = 0...(max(now, 0) + years * 366 * 86_400)
    }

    init(clock: ZonedClock, span: ClosedRange<Int64>) {
        self.clock = clock
        self.span = span
    }

    /// True when the zone is UTC all the time (no conversion needed).
    var isUTC: Bool {
        clock.offset(atUTC: 0) == 0 && clock.zone.nextDaylightSavingTimeTransition(after: Date(timeIntervalSince1970: 0)) == nil
    }

    /// The changes of offset within the span: (the instant it starts, the offset from then on),
    /// oldest first, the first starting at the span's start.
    var periods: [(start: Int64, offset: Int64)] {
        var result = [(start: span.lowerBound, offset: clock.offset(atUTC: span.lowerBound))]
        var cursor = span.lowerBound
        while let next = clock.zone.nextDaylightSavingTimeTransition(after: Date(timeIntervalSince1970: TimeInterval(cursor))),
            Int64(next.timeIntervalSince1970) <= span.upperBound
        {
            let instant = Int64(next.timeIntervalSince1970)
            guard instant > cursor else { break }
            result.append((instant, clock.offset(atUTC: instant)))
            cursor = instant
        }
        return result
    }

    /// The local wall-clock time of `stored` (itself in UTC).
    func local(_ stored: SQLExpression) -> SQLExpression {
        if isUTC { return stored }
        let zone = SQLTimeZone(
            identifier: clock.zone.identifier, periods: periods.map { SQLTimeZone.Period(start: $0.start, offset: $0.offset) }, style: .newestFirst)
        return .localTime(stored, zone)
    }
}
