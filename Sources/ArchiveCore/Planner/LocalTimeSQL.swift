import ArchiveSchema
import Foundation

/// Writes SQL that moves a stored UTC datetime into a time zone. SQLite has no time-zone data, so
/// the zone's offsets are written out as a CASE over its daylight-saving changes: newest first,
/// so that recent rows (most rows) take the first branches. The instants and offsets come from
/// the zone database, never from the client, so they are literals.
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

    /// `datetime(stored, <offset>)`: the local wall-clock time of `stored`.
    func local(_ stored: SQLFragment) -> SQLFragment {
        if isUTC { return stored }
        let periods = self.periods
        if periods.count == 1 { return .sql("datetime(") + stored + .sql(", '\(periods[0].offset) seconds')") }
        var modifier = SQLFragment.sql("CASE")
        for period in periods.dropFirst().reversed() {
            modifier = modifier + .sql(" WHEN ") + stored + .sql(" >= '\(StoredDateTime.format(period.start))' THEN '\(period.offset) seconds'")
        }
        modifier = modifier + .sql(" ELSE '\(periods[0].offset) seconds' END")
        return .sql("datetime(") + stored + .sql(", ") + modifier + .sql(")")
    }
}
