import Foundation
import PBXProtocol

/// Converts between instants and the hotel's wall clock, in its time zone.
///
/// Daylight saving (documented decision): a wall-clock time that does not exist (the spring gap,
/// e.g. 02:30 in Europe/Berlin on 2026-03-29) is moved to the first minute after the gap (03:00);
/// a time that happens twice (the autumn fold, 02:30 on 2026-10-25) means its first occurrence.
/// Both directions are arithmetic on the zone's offset wherever that is exact (tested against
/// `Calendar`), which keeps planning a 5,000-room hotel cheap.
public final class HotelCalendar: @unchecked Sendable {
    // @unchecked: the memo is guarded by the lock; the rest is immutable.
    public let timeZone: TimeZone
    private let calendar: Calendar
    private let lock = NSLock()
    private var instants: [Int: (Date, TimeOfDay)] = [:]  // key: dayNumber * 1440 + minute of day
    private var lastDate: (Date, LocalDate)?  // a planning pass asks for the date of the same `now` often

    public init(timeZone: TimeZone) {
        self.timeZone = timeZone
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
    }

    /// The instant at which the wall clock shows `time` on `date` (see the type's DST rule).
    public func instant(_ date: LocalDate, _ time: TimeOfDay) -> Date {
        occurrence(date, time).instant
    }

    /// The instant of `time` on `date` and the wall-clock time it really shows there: the same
    /// time, except in the spring gap (02:30 → 03:00).
    ///
    /// Away from any change of the zone's offset (a day either side, so every day but a couple a
    /// year) it is the wall clock minus the offset: arithmetic. Around a change, before 1583
    /// (where Foundation's calendar counts Julian days) and in an offset that is not whole minutes
    /// (local mean time, before a zone had standard time), `Calendar` finds it as it always did and
    /// the answer is memoized (those days only, so the memo stays small). A test compares the two
    /// in nine zones around every offset change from 1970 to 2040. Computing every answer with
    /// `Calendar` was a third of building `/api/rooms` with 600 wake-ups booked.
    public func occurrence(_ date: LocalDate, _ time: TimeOfDay) -> (instant: Date, shown: TimeOfDay) {
        let local = Int64(date.dayNumber) * 86_400 + Int64(time.minutesSinceMidnight) * 60
        if date.year >= 1583, date.year <= 9998 {
            let from = Date(timeIntervalSince1970: TimeInterval(local - 86_400))
            let until = Date(timeIntervalSince1970: TimeInterval(local + 86_400))
            let offset = timeZone.secondsFromGMT(for: from)
            // Whole minutes only: before standard time (local mean time, +8:05:43 in Shanghai until
            // 1928) `Calendar` reads such offsets differently.
            if offset % 60 == 0, offset == timeZone.secondsFromGMT(for: until),
                (timeZone.nextDaylightSavingTimeTransition(after: from) ?? until) >= until
            {
                return (Date(timeIntervalSince1970: TimeInterval(local - Int64(offset))), time)
            }
        }
        return calendarOccurrence(date, time)
    }

    /// ``occurrence(_:_:)`` as `Calendar` finds it (memoized).
    func calendarOccurrence(_ date: LocalDate, _ time: TimeOfDay) -> (instant: Date, shown: TimeOfDay) {
        let key = date.dayNumber * 1440 + time.minutesSinceMidnight
        if let cached = lock.withLock({ instants[key] }) { return cached }
        let components = DateComponents(
            year: date.year, month: date.month, day: date.day, hour: time.hour, minute: time.minute)
        let start = calendar.date(from: DateComponents(year: date.year, month: date.month, day: date.day))!
        let found =
            calendar.nextDate(
                after: start.addingTimeInterval(-1), matching: components, matchingPolicy: .nextTime,
                repeatedTimePolicy: .first, direction: .forward) ?? calendar.date(from: components)!
        let shown = wallClock(found).timeOfDay
        lock.withLock { instants[key] = (found, shown) }
        return (found, shown)
    }

    /// The wall-clock reading of `instant`.
    /// Instants outside years 2…9998 are read as the nearest end of that span, so that no stored
    /// or entered value can make the reading fail.
    ///
    /// The zone's offset at that instant added to it, then calendar arithmetic on whole seconds:
    /// the same reading as `Calendar.dateComponents` (a test compares them across zones, DST
    /// changes and centuries) at a fraction of its cost, which was a tenth of building `/api/rooms`.
    public func wallClock(_ instant: Date) -> PBXDateTime {
        let clamped = min(max(instant, Self.earliest), Self.latest)
        guard clamped >= Self.gregorianSince else {
            // Before 1583 Foundation's calendar counts Julian days; read them as it does.
            let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: clamped)
            return PBXDateTime(
                year: parts.year ?? 2000, month: parts.month ?? 1, day: parts.day ?? 1, hour: parts.hour ?? 0,
                minute: parts.minute ?? 0, second: parts.second ?? 0)
                ?? PBXDateTime(wallClockSeconds: Int64(clamped.timeIntervalSince1970))
        }
        let seconds = Int64(clamped.timeIntervalSince1970.rounded(.down))
        return PBXDateTime(wallClockSeconds: seconds + Int64(timeZone.secondsFromGMT(for: clamped)))
    }

    /// 1583-01-01 (UTC): from here on Foundation's Gregorian calendar is proleptic arithmetic.
    static let gregorianSince = Date(timeIntervalSince1970: -12_212_553_600)

    /// 0002-01-01 and 9998-12-31 (UTC): far outside every accepted input, inside every reading.
    static let earliest = Date(timeIntervalSince1970: -62_104_060_800)
    static let latest = Date(timeIntervalSince1970: 253_370_678_400)

    /// The local date of `instant`.
    public func date(of instant: Date) -> LocalDate {
        if let (cachedInstant, date) = lock.withLock({ lastDate }), cachedInstant == instant { return date }
        let clock = wallClock(instant)
        let date = LocalDate(year: clock.year, month: clock.month, day: clock.day)!
        lock.withLock { lastDate = (instant, date) }
        return date
    }

    /// The instant a wall-clock reading stands for (same DST rule).
    public func instant(_ clock: PBXDateTime) -> Date {
        let date = LocalDate(year: clock.year, month: clock.month, day: clock.day)!
        return instant(date, TimeOfDay(hour: clock.hour, minute: clock.minute)!).addingTimeInterval(TimeInterval(clock.second))
    }
}
